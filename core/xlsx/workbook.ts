/**
 * An Excel workbook (.xlsx) read where a CSV file is read: one sheet turned into the CSV text that
 * the CSV readers take, with what is needed to speak of its rows and columns as Excel does (a
 * problem on CSV line 7 is Excel row 7 unless a cell above holds a line break; column 社員番号 is
 * column B). Accountants keep their tables as .xlsx; saving each as CSV first was a step to forget.
 *
 * Bounded: every part is inflated with a limit (a zip bomb is refused, not expanded), and only the
 * parts one sheet needs are read (workbook, its relationships, shared strings, styles, the sheet).
 */
import { problem, type Problem } from '../errors.js';
import { cellNumberText, cellReference, columnLetters, type NumberKind, numberKind } from './cells.js';
import { type InflateRaw, looksLikeZip, ZipError, type ZipEntry, zipEntries, zipEntryBytes } from './zip.js';
import { xmlAttribute, xmlTokens } from './xml.js';

/** Expanded bytes read from one workbook at most (all parts together). */
export const MAX_WORKBOOK_EXPANDED = 256 * 2 ** 20;

/**
 * True for the bytes of an .xlsx (a ZIP archive holding xl/workbook.xml), whatever the file is
 * called. A damaged archive that still names the part counts too, so its reader can say what it is.
 * @example isXlsx(readFileSync('給与.xlsx')) // true
 */
export function isXlsx(bytes: Uint8Array): boolean {
  if (!looksLikeZip(bytes)) return false;
  try {
    return zipEntries(bytes).has('xl/workbook.xml');
  } catch {
    return indexOfAscii(bytes, 'xl/workbook.xml') >= 0;
  }
}

/** True for the old binary Excel format (.xls, an OLE2 compound file). */
export function isLegacyXls(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && magic.every((b, i) => bytes[i] === b);
}

function indexOfAscii(bytes: Uint8Array, text: string): number {
  const first = text.charCodeAt(0);
  for (let i = bytes.indexOf(first); i >= 0; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < text.length && bytes[i + j] === text.charCodeAt(j)) j++;
    if (j === text.length) return i;
  }
  return -1;
}

export interface SheetOptions {
  /** The file as the user named it, for problems. */
  readonly file: string;
  /** The sheet to read by its tab name; the first visible worksheet when absent. */
  readonly sheet?: string;
  readonly inflateRaw: InflateRaw;
  /** Bytes the parts may expand to, together (default MAX_WORKBOOK_EXPANDED). */
  readonly maxExpanded?: number;
}

export interface SheetText {
  /** The sheet read, by its tab name. */
  readonly sheet: string;
  /** The name problems about this sheet carry: `給与.xlsx シート「4月」`. */
  readonly file: string;
  /** The sheet as CSV (UTF-8 text, one line per row, empty rows kept so lines are rows). */
  readonly csv: string;
  /** Cells that hold an error value (#N/A, #DIV/0! …): each is a problem naming its cell. */
  readonly problems: Problem[];
  /** The Excel row of a CSV line (they differ only below a cell holding a line break). */
  readonly rowOfLine: (line: number) => number;
  /** The column letter of a header as written in the sheet's first row with text. */
  readonly letterOf: (header: string) => string | undefined;
  /** The same as plain data (no functions), which a thread can hand to another: sheetTextOf rebuilds it. */
  readonly data: SheetTextData;
}

/** A SheetText as plain data: what its rowOfLine and letterOf read. */
export interface SheetTextData {
  readonly sheet: string;
  readonly file: string;
  readonly csv: string;
  readonly problems: Problem[];
  /** The CSV line each Excel row starts on (absent when every row is one line). */
  readonly rowStarts: readonly number[] | undefined;
  /** [header, its column letter], the first of each header. */
  readonly letters: readonly (readonly [string, string])[];
}

/**
 * The SheetText of its plain data (a worker thread's, whose functions could not be sent).
 * @example sheetTextOf(sheet.data).rowOfLine(3) === sheet.rowOfLine(3) // true
 */
export function sheetTextOf(data: SheetTextData): SheetText {
  const letters = new Map(data.letters);
  const starts = data.rowStarts;
  return {
    sheet: data.sheet,
    file: data.file,
    csv: data.csv,
    problems: data.problems,
    rowOfLine: starts === undefined ? (l) => l : (l) => excelRowAt(starts, l),
    letterOf: (h) => letters.get(h.trim()),
    data,
  };
}

/**
 * One sheet of the workbook as CSV text, or the problem that stops it being read (not a workbook,
 * damaged, encrypted, no such sheet, too large once expanded).
 * @example readSheet(bytes, { file: '給与.xlsx', inflateRaw }).csv // '社員番号,氏名\nE001,山田 太郎\n'
 */
export function readSheet(bytes: Uint8Array, options: SheetOptions): SheetText | Problem {
  const { file } = options;
  try {
    return readSheetOrThrow(bytes, options);
  } catch (e) {
    if (e instanceof ZipError) {
      return problem(file, 0, '', '', `Excel ブックを読めません: ${e.message_ja}`, `cannot read the Excel workbook: ${e.message_en}`);
    }
    if (e instanceof SheetError) return problem(file, 0, '', '', e.message_ja, e.message_en);
    throw e;
  }
}

class SheetError extends Error {
  constructor(
    readonly message_ja: string,
    readonly message_en: string,
  ) {
    super(`${message_ja} / ${message_en}`);
  }
}

/** The parts of one workbook, read each once, within one budget of expanded bytes. */
class Parts {
  private budget: number;
  private readonly entries: Map<string, ZipEntry>;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly bytes: Uint8Array,
    private readonly inflateRaw: InflateRaw,
    private readonly maxExpanded: number,
  ) {
    this.entries = zipEntries(bytes);
    this.budget = maxExpanded;
  }

  text(path: string): string | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    const data = zipEntryBytes(this.bytes, entry, this.inflateRaw, this.budget, this.maxExpanded);
    this.budget -= data.length;
    return this.decoder.decode(data);
  }
}

function readSheetOrThrow(bytes: Uint8Array, options: SheetOptions): SheetText {
  const parts = new Parts(bytes, options.inflateRaw, options.maxExpanded ?? MAX_WORKBOOK_EXPANDED);
  const workbook = parts.text('xl/workbook.xml');
  if (workbook === undefined) {
    throw new SheetError(
      'Excel ブック (.xlsx) ではありません（xl/workbook.xml がありません）',
      'not an Excel workbook (no xl/workbook.xml)',
    );
  }
  const { sheets, date1904 } = readWorkbookPart(workbook);
  const rels = relationships(parts.text('xl/_rels/workbook.xml.rels') ?? '');
  const worksheets = sheets.filter((s) => rels.get(s.id)?.type === 'worksheet');
  const chosen =
    options.sheet === undefined ? (worksheets.find((s) => s.visible) ?? worksheets[0]) : worksheets.find((s) => s.name === options.sheet);
  const names = worksheets.map((s) => `「${s.name}」`).join('');
  if (!chosen) {
    throw options.sheet === undefined
      ? new SheetError('ブックにワークシートがありません', 'the workbook has no worksheet')
      : new SheetError(
          `シート「${options.sheet}」がありません（あるシート: ${names}）`,
          `no sheet "${options.sheet}" (sheets: ${worksheets.map((s) => s.name).join(', ')})`,
        );
  }
  const partOf = (type: string, fallback: string) => [...rels.values()].find((r) => r.type === type)?.target ?? fallback;
  const strings = sharedStrings(parts.text(partOf('sharedStrings', 'xl/sharedStrings.xml')) ?? '');
  const kinds = cellKinds(parts.text(partOf('styles', 'xl/styles.xml')) ?? '');
  const target = rels.get(chosen.id)?.target ?? '';
  const xml = parts.text(target);
  if (xml === undefined)
    throw new SheetError(`シート「${chosen.name}」の中身がありません（${target}）`, `sheet "${chosen.name}" has no part (${target})`);
  const file = `${options.file} シート「${chosen.name}」`;
  return sheetText(xml, { strings, kinds, date1904, file, sheet: chosen.name });
}

interface SheetEntry {
  readonly name: string;
  readonly id: string;
  readonly visible: boolean;
}

function readWorkbookPart(xml: string): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  for (const t of xmlTokens(xml)) {
    if (t.kind !== 'open') continue;
    if (t.name === 'workbookPr') {
      const v = xmlAttribute(t.attributes, 'date1904');
      date1904 = v === '1' || v === 'true';
    } else if (t.name === 'sheet') {
      const state = xmlAttribute(t.attributes, 'state');
      sheets.push({
        name: xmlAttribute(t.attributes, 'name') ?? '',
        id: xmlAttribute(t.attributes, 'id') ?? '',
        visible: state === undefined || state === 'visible',
      });
    }
  }
  return { sheets, date1904 };
}

/** Relationship id → its type's last word (worksheet, styles, sharedStrings) and the part's path in the archive. */
function relationships(xml: string): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  for (const t of xmlTokens(xml)) {
    if (t.kind !== 'open' || t.name !== 'Relationship') continue;
    const type = (xmlAttribute(t.attributes, 'Type') ?? '').split('/').pop() ?? '';
    const target = xmlAttribute(t.attributes, 'Target') ?? '';
    rels.set(xmlAttribute(t.attributes, 'Id') ?? '', { type, target: partPath(target) });
  }
  return rels;
}

/** A relationship target as a path in the archive: relative to xl/, or absolute from the root. */
function partPath(target: string): string {
  const segments: string[] = target.startsWith('/') ? [] : ['xl'];
  for (const s of target.split('/')) {
    if (s === '..') segments.pop();
    else if (s !== '' && s !== '.') segments.push(s);
  }
  return segments.join('/');
}

/** Excel writes characters XML cannot hold as _xHHHH_ (a CR as _x000D_). */
const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
const unescapeExcel = (s: string) =>
  s.indexOf('_x') < 0 ? s : s.replace(EXCEL_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/**
 * The text of `<si>` or `<is>`: its `<t>` runs joined, the furigana (`<rPh>`, the readings Japanese
 * Excel stores beside a name) left out.
 */
function stringItems(xml: string, item: 'si' | 'is'): string[] {
  const items: string[] = [];
  let current: string[] | undefined;
  let inText = false;
  let phonetic = 0;
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'open') {
      if (t.name === item) {
        current = [];
        if (t.selfClosing) {
          items.push('');
          current = undefined;
        }
      } else if (t.name === 'rPh' && !t.selfClosing) phonetic++;
      else if (t.name === 't' && !t.selfClosing) inText = true;
    } else if (t.kind === 'close') {
      if (t.name === item && current) {
        items.push(unescapeExcel(current.join('')));
        current = undefined;
      } else if (t.name === 'rPh') phonetic--;
      else if (t.name === 't') inText = false;
    } else if (inText && phonetic === 0 && current) current.push(t.text);
  }
  return items;
}

const sharedStrings = (xml: string): string[] => stringItems(xml, 'si');

/** Each cell style (the `s` of a cell, an index into cellXfs) → how its number format shows numbers. */
function cellKinds(xml: string): NumberKind[] {
  const codes = new Map<number, string>();
  const kinds: NumberKind[] = [];
  let inCellXfs = false;
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'open' && t.name === 'numFmt') {
      codes.set(Number(xmlAttribute(t.attributes, 'numFmtId')), xmlAttribute(t.attributes, 'formatCode') ?? '');
    } else if (t.kind === 'open' && t.name === 'cellXfs') inCellXfs = !t.selfClosing;
    else if (t.kind === 'close' && t.name === 'cellXfs') inCellXfs = false;
    else if (t.kind === 'open' && t.name === 'xf' && inCellXfs) {
      const id = Number(xmlAttribute(t.attributes, 'numFmtId') ?? 0);
      kinds.push(numberKind(id, codes.get(id)));
    }
  }
  return kinds;
}

interface SheetContext {
  readonly strings: readonly string[];
  readonly kinds: readonly NumberKind[];
  readonly date1904: boolean;
  readonly file: string;
  readonly sheet: string;
}

/** A cell read so far: its type, style and stored value, with inline text gathered. */
interface OpenCell {
  column: number;
  type: string;
  style: number;
  value: string;
  inline: string[];
  inValue: boolean;
  inText: boolean;
  phonetic: number;
}

function sheetText(xml: string, ctx: SheetContext): SheetText {
  const lines: string[] = [];
  /** CSV line on which each Excel row starts (index row − 1); filled only once a cell holds a line break. */
  let starts: number[] | undefined;
  let line = 1;
  const errorCells: { row: number; column: number; value: string }[] = [];
  let header: string[] | undefined;
  let row = 0;
  let cells: string[] = [];
  let cell: OpenCell | undefined;

  const endRow = () => {
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    const text = cells.map(csvField).join(',');
    if (header === undefined && cells.some((c) => c.trim() !== '')) header = cells.map((c) => c.trim());
    lines.push(text);
    const breaks = countBreaks(text);
    if (breaks > 0 && starts === undefined) starts = Array.from({ length: row }, (_, i) => i + 1);
    if (starts) starts[row - 1] = line;
    line += 1 + breaks;
    cells = [];
  };
  const startRow = (r: number) => {
    // Rows the sheet leaves out are empty lines, so that CSV lines stay Excel rows.
    while (row + 1 < r) {
      row++;
      lines.push('');
      if (starts) starts[row - 1] = line;
      line++;
    }
    row = r;
  };

  for (const t of xmlTokens(xml)) {
    if (t.kind === 'open') {
      if (t.name === 'row') {
        const r = Number(xmlAttribute(t.attributes, 'r') ?? row + 1);
        startRow(Number.isSafeInteger(r) && r > row ? r : row + 1);
        if (t.selfClosing) endRow();
      } else if (t.name === 'c') {
        const ref = cellReference(xmlAttribute(t.attributes, 'r') ?? '');
        cell = {
          column: ref ? ref.column : cells.length,
          type: xmlAttribute(t.attributes, 't') ?? 'n',
          style: Number(xmlAttribute(t.attributes, 's') ?? 0),
          value: '',
          inline: [],
          inValue: false,
          inText: false,
          phonetic: 0,
        };
        if (t.selfClosing) {
          placeCell(cells, cell, '');
          cell = undefined;
        }
      } else if (cell && !t.selfClosing) {
        if (t.name === 'v') cell.inValue = true;
        else if (t.name === 't') cell.inText = true;
        else if (t.name === 'rPh') cell.phonetic++;
      }
    } else if (t.kind === 'close') {
      if (t.name === 'row') endRow();
      else if (t.name === 'c' && cell) {
        const shown = cellValue(cell, ctx);
        if (cell.type === 'e') errorCells.push({ row, column: cell.column, value: cell.value });
        placeCell(cells, cell, shown);
        cell = undefined;
      } else if (cell && t.name === 'v') cell.inValue = false;
      else if (cell && t.name === 't') cell.inText = false;
      else if (cell && t.name === 'rPh') cell.phonetic--;
    } else if (cell) {
      if (cell.inValue) cell.value += t.text;
      else if (cell.inText && cell.phonetic === 0) cell.inline.push(t.text);
    }
  }
  if (lines.length > 0) lines.push('');
  const headerRow = header ?? [];
  const letters = new Map<string, string>();
  headerRow.forEach((h, i) => {
    if (h !== '' && !letters.has(h)) letters.set(h, columnLetters(i));
  });
  const labelOf = (column: number) => {
    const h = headerRow[column] ?? '';
    return h === '' ? `${columnLetters(column)}列` : `${h}（${columnLetters(column)}列）`;
  };
  return sheetTextOf({
    sheet: ctx.sheet,
    file: ctx.file,
    csv: lines.join('\n'),
    rowStarts: starts,
    letters: [...letters],
    problems: errorCells.map((c) =>
      problem(
        ctx.file,
        c.row,
        labelOf(c.column),
        c.value,
        `セルがエラー値（${c.value}）です`,
        `the cell holds an error value (${c.value})`,
      ),
    ),
  });
}

/** The last Excel row starting on or before CSV line `line`. */
function excelRowAt(starts: readonly number[], line: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  if (hi < 0 || line < (starts[0] ?? 1)) return line;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function placeCell(cells: string[], cell: OpenCell, text: string): void {
  // A cell beyond XFD or an absurd reference cannot make a row of millions of commas.
  const column = cell.column >= 0 && cell.column < 16_384 ? cell.column : cells.length;
  while (cells.length < column) cells.push('');
  cells[column] = text;
}

/** What a cell shows, as CSV would carry it. */
function cellValue(cell: OpenCell, ctx: SheetContext): string {
  switch (cell.type) {
    case 's':
      return ctx.strings[Number(cell.value)] ?? '';
    case 'inlineStr':
      return unescapeExcel(cell.inline.join(''));
    case 'str':
      return unescapeExcel(cell.value);
    case 'b':
      return cell.value === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.value;
    case 'd':
      // An ISO 8601 date cell (strict Open XML): the date as written.
      return cell.value.slice(0, 10);
    default:
      return cellNumberText(cell.value, ctx.kinds[cell.style] ?? 'number', ctx.date1904) ?? cell.value;
  }
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Line breaks as parseCsv counts them (CRLF once). */
function countBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

/**
 * Problems found by the CSV readers in a sheet's text, said in the sheet's terms: the Excel row, and
 * the column's letter beside its header (`社員番号（B列）`). Problems about other files pass unchanged.
 * @example inSheetTerms(problems, sheet) // [{ file: '給与.xlsx シート「4月」', row: 7, column: '基本給（D列）', … }]
 */
export function inSheetTerms(problems: readonly Problem[], sheet: SheetText): Problem[] {
  return problems.map((p) => {
    if (p.file !== sheet.file) return p;
    const letter = p.column === '' ? undefined : sheet.letterOf(p.column);
    const row = p.row > 0 ? sheet.rowOfLine(p.row) : p.row;
    if (letter === undefined && row === p.row) return p;
    return { ...p, row, column: letter === undefined ? p.column : `${p.column}（${letter}列）` };
  });
}
