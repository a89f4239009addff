/**
 * Reads a CSV file into typed rows: every good row *and* every problem, never stopping at the
 * first. Row numbers are lines as a spreadsheet shows them (header = row 1).
 */
import { MAYBE_UNSAFE_IN_CELL, showUnsafe, UNSAFE_IN_CELL, unsafeCharacterMessage } from '../characters.js';
import { problem, type Problem } from '../errors.js';
import { type Column, normalizeKey } from './columns.js';
import { decodePieces, firstBytes, type TextEncodingName, type TextInput, wholeBytes } from './encoding.js';
import { type CsvSyntaxProblem, scanCsvPieces } from './parse.js';
import { isXlsx } from '../xlsx/workbook.js';
import { looksLikeZip } from '../xlsx/zip.js';

export type Schema = Readonly<Record<string, Column<unknown>>>;
export type RowOf<S extends Schema> = { -readonly [K in keyof S]: S[K] extends Column<infer T> ? T : never };

export interface TableRow<T> {
  /** Line of the record in the file (header = 1). */
  readonly row: number;
  readonly value: T;
}

export interface TableResult<T> {
  readonly rows: TableRow<T>[];
  readonly problems: Problem[];
  readonly encoding: TextEncodingName;
  /** Header names present in the file that no column claimed (kept for the caller to warn about). */
  readonly unknownColumns: string[];
  /** Each schema column found, as the file's header wrote it (`employee_id` → 社員番号). */
  readonly written: Readonly<Record<string, string>>;
  /** Number of data records read (good + rejected). */
  readonly recordCount: number;
}

export interface ReadOptions {
  /** The file name to report in problems. */
  readonly file: string;
  /** The encoding decodePieces found for these bytes already (a reader that looked at the header first). */
  readonly encoding?: TextEncodingName | undefined;
}

export function readTable<S extends Schema>(input: TextInput, schema: S, options: ReadOptions): TableResult<RowOf<S>> {
  const rows: TableRow<RowOf<S>>[] = [];
  const { problems, encoding, unknownColumns, recordCount, written } = readRows(input, schema, options, (row, value) =>
    rows.push({ row, value }),
  );
  return { rows, problems, encoding, unknownColumns, recordCount, written };
}

/**
 * readTable for a reader that makes its own value of each row: every good row is handed to
 * `onRow` as it is read, in file order, and not kept. A large file's rows then never all exist
 * at once beside what is made of them (400,000 open items were held as rows, then as items).
 * @example readRows(bytes, OPEN_ITEM_COLUMNS, { file: 'open.csv' }, (row, v) => items.push(toItem(row, v))).problems
 */
export function readRows<S extends Schema>(
  input: TextInput,
  schema: S,
  options: ReadOptions,
  onRow: (row: number, value: RowOf<S>) => void,
): Omit<TableResult<RowOf<S>>, 'rows'> {
  const { file } = options;
  if (typeof input !== 'string' && looksLikeZip(firstBytes(input, 4))) return notCsv(file, isXlsx(wholeBytes(input)));
  // Decoded and read a piece at a time (decodePieces): a 50 MB file's text never exists whole.
  const { pieces, encoding } = decodePieces(input, options.encoding);
  // Records are read one at a time and dropped once their row is made (scanCsvPieces). Syntax
  // problems come first in the result, as they always have.
  const syntax: CsvSyntaxProblem[] = [];
  const found: Problem[] = [];
  const flags: TextFlags = { suspicious: false, errorValues: false };
  let header: readonly string[] | undefined;
  let readRow: ((fields: readonly string[], line: number) => void) | undefined;
  let recordCount = 0;
  let unknownColumns: string[] = [];
  let written: Record<string, string> = {};
  scanCsvPieces(
    pieces,
    (fields, line) => {
      if (header !== undefined) {
        // A row of empty cells (,,,, as Excel saves the formatted rows below a table) is a blank
        // line: passed over, not refused for every required column.
        if (isEmptyRecord(fields)) return;
        recordCount++;
        readRow?.(fields, line);
        return;
      }
      header = fields;
      const reader = rowReader(flags, file, schema, fields, line, found, onRow);
      unknownColumns = reader.unknownColumns;
      written = reader.written;
      readRow = reader.readRow;
    },
    syntax,
    (text) => {
      // One scan of each text; cells are looked at one by one only in a text that has such a
      // character (or a surrogate pair, which the quick scan cannot tell from an unpaired one).
      flags.suspicious = MAYBE_UNSAFE_IN_CELL.test(text);
      flags.errorValues = EXCEL_ERROR.test(text);
    },
  );
  const problems = syntax.map((p) => problem(file, p.line, '', '', p.message_ja, p.message_en));
  if (header === undefined) {
    problems.push(problem(file, 0, '', '', 'ファイルが空です（見出し行がありません）', 'file is empty (no header row)'));
    return { problems, encoding, unknownColumns: [], recordCount: 0, written: {} };
  }
  for (const p of found) problems.push(p);
  return { problems, encoding, unknownColumns, recordCount, written };
}

/** What a quick scan of the text being read found: whether its cells need the character checks. */
interface TextFlags {
  /** A character no cell may hold may be in it (MAYBE_UNSAFE_IN_CELL). */
  suspicious: boolean;
  /** Text Excel writes for a failed formula is in it (EXCEL_ERROR). */
  errorValues: boolean;
}

/**
 * What the header says: each schema column's position (a required one missing is a problem in
 * `problems`), the header names no column claims, and the reader of one data record, which hands
 * its row to `onRow` or adds its problems to `problems`. With a required column missing no row is read.
 */
function rowReader<S extends Schema>(
  flags: TextFlags,
  file: string,
  schema: S,
  header: readonly string[],
  headerLine: number,
  problems: Problem[],
  onRow: (row: number, value: RowOf<S>) => void,
): { unknownColumns: string[]; written: Record<string, string>; readRow: ((fields: readonly string[], line: number) => void) | undefined } {
  const headerIndex = new Map<string, number[]>();
  header.forEach((h, i) => {
    const key = normalizeKey(h);
    if (key === '') return;
    const at = headerIndex.get(key);
    if (at) at.push(i);
    else headerIndex.set(key, [i]);
  });
  const claimed = new Set<number>();
  const positions = new Map<string, { index: number; written: string }>();
  let missingRequired = false;
  for (const [key, column] of Object.entries(schema)) {
    // The first of the column's names the header has (a format lists them by preference: a bank's
    // 振込依頼人名 before its 摘要); that name written twice cannot be read.
    const found = column.aliases.map((a) => headerIndex.get(normalizeKey(a))).find((at) => at !== undefined) ?? [];
    const index = found[0];
    if (found.length > 1) {
      // Which one was meant cannot be known: the first had been read silently.
      missingRequired = true;
      const names = [...new Set(found.map((i) => (header[i] ?? '').trim()))];
      const first = names[0] ?? column.name;
      const places = found.map((i) => i + 1).join('列目と');
      const placesEn = `${found
        .slice(0, -1)
        .map((i) => i + 1)
        .join(', ')} and ${(found.at(-1) ?? 0) + 1}`;
      const as = names.length > 1 ? `、${names.map((n) => `「${n}」`).join('と')}として` : '';
      const asEn = names.length > 1 ? `, as ${names.join(' and ')}` : '';
      problems.push(
        problem(
          file,
          headerLine,
          first,
          '',
          `列「${first}」が${found.length}つあります${as}（${places}列目）。どちらを使うか決められないので、1つにしてください`,
          `the column ${first} appears ${found.length === 2 ? 'twice' : `${found.length} times`}${asEn} (columns ${placesEn}): which to use cannot be known; keep one`,
        ),
      );
      for (const i of found) claimed.add(i);
    } else if (index !== undefined) {
      claimed.add(index);
      positions.set(key, { index, written: header[index] ?? column.name });
    } else if (!column.optional) {
      missingRequired = true;
      problems.push(
        problem(
          file,
          headerLine,
          column.name,
          '',
          `必須の列「${column.aliases.join('」「')}」がありません`,
          `required column missing (accepted names: ${column.aliases.join(', ')})`,
        ),
      );
    }
  }
  const unknownColumns = header.filter((h, i) => !claimed.has(i) && h.trim() !== '');
  const written = Object.fromEntries([...positions].map(([key, p]) => [key, p.written.trim()]));
  if (missingRequired) return { unknownColumns, written, readRow: undefined };

  // Each column's key, parser and position, worked out once rather than for every row.
  const plan = Object.entries(schema).map(([key, column]) => ({ key, column, pos: positions.get(key) }));
  const seen = plan.map(() => new RepeatedCells());
  const width = header.length;
  const readRow = (fields: readonly string[], line: number): void => {
    const value: Record<string, unknown> = {};
    let rowOk = true;
    if (fields.length > width && fields.slice(width).some((f) => f.trim() !== '')) {
      rowOk = false;
      problems.push(problem(file, line, '', '', `列が多すぎます（見出しは${width}列）`, `too many fields (the header has ${width})`));
    }
    for (let c = 0; c < plan.length; c++) {
      const { key, column, pos } = plan[c] as (typeof plan)[number];
      const raw = pos ? (fields[pos.index] ?? '') : '';
      if (raw.trim() === '') {
        if (column.fallback) value[key] = column.fallback.value;
        else {
          rowOk = false;
          problems.push(problem(file, line, pos?.written ?? column.name, '', '必須項目が空です', 'required value is empty'));
        }
        continue;
      }
      if (raw.length > MAX_CELL) {
        rowOk = false;
        problems.push(
          problem(
            file,
            line,
            pos?.written ?? column.name,
            showUnsafe(raw, UNSAFE_IN_CELL, 40),
            `長すぎます（${raw.length.toLocaleString('en-US')}文字。1つの欄は${MAX_CELL.toLocaleString('en-US')}文字まで）`,
            `too long (${raw.length} characters; a cell holds at most ${MAX_CELL})`,
          ),
        );
        continue;
      }
      if (flags.suspicious) {
        const bad = unsafeCharacter(raw);
        if (bad) {
          rowOk = false;
          problems.push(problem(file, line, pos?.written ?? column.name, showUnsafe(raw), ...bad));
          continue;
        }
      }
      if (flags.errorValues && EXCEL_ERROR_CELL.test(raw.trim())) {
        rowOk = false;
        problems.push(
          problem(
            file,
            line,
            pos?.written ?? column.name,
            raw,
            `Excel のエラー値（${raw.trim()}）です。元の表の式を確認してください`,
            `an Excel error value (${raw.trim()}): check the formula in the source sheet`,
          ),
        );
        continue;
      }
      const cells = seen[c] as RepeatedCells;
      const known = cells.get(raw);
      if (known !== undefined) {
        value[key] = known;
        continue;
      }
      const r = column.parseCell(raw);
      if (r.ok) {
        value[key] = r.value;
        cells.add(raw, r.value);
      } else {
        rowOk = false;
        problems.push(problem(file, line, pos?.written ?? column.name, raw, r.message_ja, r.message_en));
      }
    }
    if (rowOk) onRow(line, value as RowOf<S>);
  };
  return { unknownColumns, written, readRow };
}

/**
 * A workbook or other ZIP archive given where CSV is read: said so, rather than its bytes read as
 * text and reported as missing columns with binary garbage for a header. (The CLI reads workbooks
 * before they get here; this is for a host that does not.)
 */
function notCsv(file: string, workbook: boolean): Omit<TableResult<never>, 'rows'> {
  const p = workbook
    ? problem(
        file,
        0,
        '',
        '',
        'Excel ブック (.xlsx) です。CSV ファイルを指定してください（Excel で「CSV UTF-8」として保存できます）',
        'this is an Excel workbook (.xlsx), not CSV: save it from Excel as "CSV UTF-8"',
      )
    : problem(file, 0, '', '', 'ZIP 圧縮ファイルです。CSV ファイルを指定してください', 'this is a ZIP archive, not CSV');
  return { problems: [p], encoding: 'utf-8', unknownColumns: [], recordCount: 0, written: {} };
}

/** No cell of any input is longer: past this it is not data someone typed, and every later step would pay for it. */
const MAX_CELL = 10_000;

/**
 * What Excel writes where a formula failed (#N/A of a VLOOKUP that found nothing, #DIV/0!, #REF! …):
 * a CSV saved from such a sheet carries the text, which a name or note column would otherwise take
 * as data and print on an invoice.
 */
const EXCEL_ERROR = /#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)/;
const EXCEL_ERROR_CELL = new RegExp(`^${EXCEL_ERROR.source}$`);

/**
 * Why a cell is refused for a character no cell may hold ({@link UNSAFE_IN_CELL}: control
 * characters, direction overrides, U+FFFD where bytes did not decode, noncharacters, unpaired
 * surrogates); undefined for a clean cell. The cheap look comes first: most cells of a file that
 * has such a character somewhere (or only an emoji, a surrogate pair) have none.
 */
function unsafeCharacter(raw: string): [string, string] | undefined {
  if (!MAYBE_UNSAFE_IN_CELL.test(raw)) return undefined;
  const m = UNSAFE_IN_CELL.exec(raw);
  return m ? unsafeCharacterMessage(m[0], 'cell') : undefined;
}

/**
 * A column's cells read so far, for columns whose cells repeat: dates (a statement spans a few
 * days), the customer's code, name and kana on each of its invoices. A repeated cell gets the
 * value read the first time — not parsed again, and one string for every row instead of one
 * each, which also makes later comparisons of those values cheap. The cell of the row before is
 * compared first (a customer's invoices are listed together): no look-up for it. A column whose
 * first rows hardly repeat (ids, amounts) stops being remembered. Only primitive values are shared
 * (parsers are pure, and no row can change another's value through them).
 */
class RepeatedCells {
  private cells: Map<string, unknown> | undefined = new Map();
  private looked = 0;
  private found = 0;
  private lastCell: string | undefined;
  private lastValue: unknown;

  get(raw: string): unknown {
    const cells = this.cells;
    if (!cells) return undefined;
    const value = raw === this.lastCell ? this.lastValue : cells.get(raw);
    if (value !== undefined) {
      this.found++;
      this.lastCell = raw;
      this.lastValue = value;
    }
    if (++this.looked === RepeatedCells.TRIAL && this.found * 2 < RepeatedCells.TRIAL) this.cells = undefined;
    return value;
  }

  add(raw: string, value: unknown): void {
    if (this.cells && value !== undefined && (typeof value !== 'object' || value === null)) {
      if (this.cells.size < RepeatedCells.LIMIT) this.cells.set(raw, value);
      this.lastCell = raw;
      this.lastValue = value;
    }
  }

  /** Rows looked at before deciding whether the column repeats (half of them must). */
  static readonly TRIAL = 256;
  /** Distinct cells remembered at most. */
  static readonly LIMIT = 4096;
}

/**
 * A problem found after the file was read (a duplicate id, a check across rows) names its column
 * by the schema key; this names it as the file's header wrote it, as problems found while reading do.
 * @example columnsAsWritten([problem('b.csv', 3, 'employee_id', '9', …)], 'b.csv', { employee_id: '社員番号' })[0].column // '社員番号'
 */
export function columnsAsWritten(problems: readonly Problem[], file: string, written: Readonly<Record<string, string>>): Problem[] {
  return problems.map((p) => {
    const header = p.file === file ? written[p.column] : undefined;
    return header === undefined || header === p.column ? p : { ...p, column: header };
  });
}

/** Whether every cell of a record is empty or spaces (most records stop at their first cell). */
function isEmptyRecord(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) if ((fields[i] as string).trim() !== '') return false;
  return true;
}
