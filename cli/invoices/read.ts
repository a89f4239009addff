/**
 * Reading the line items of `urakata invoices` as a stream, in two passes: the first only notes
 * each invoice's last row, the second hands over an invoice's rows as soon as its last row has
 * been read — so memory stays flat for 100,000 invoices whether or not the rows of an invoice
 * are contiguous.
 */
import { createReadStream } from 'node:fs';
import { CarriedText, completeRecordsEnd } from '../../core/csv/parse.js';
import { readTable } from '../../core/csv/table.js';
import { EncodingDetector, pieceDecoder, type TextEncodingName } from '../../core/csv/encoding.js';
import { isError, problem, type Problem } from '../../core/errors.js';
import {
  addInvoiceRows,
  INVOICE_LINE_COLUMNS,
  INVOICE_NUMBER_COLUMN,
  type InvoiceGroup,
  noInvoiceLines,
} from '../../core/invoice/index.js';

// ---------------------------------------------------------------------------------------------
// Streaming CSV: text chunks that end on a record boundary.

export interface CsvChunk {
  /** Complete records (ending with a line break, or the end of the file). */
  readonly text: string;
  /** Physical lines of the file before this chunk (the header counts). */
  readonly linesBefore: number;
}

const countLines = (text: string): number => (text.match(/\r\n|\r|\n/g) ?? []).length;

/** Where the line items come from: a CSV file's path (streamed), or the CSV of a workbook's sheet, read whole. */
export type LinesSource = string | Uint8Array;

/** The bytes of a source in pieces of about `size`. */
async function* pieces(source: LinesSource, size: number): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string') {
    for await (const chunk of createReadStream(source, { highWaterMark: size })) yield chunk as Buffer;
    return;
  }
  for (let i = 0; i < source.length; i += size) yield source.subarray(i, i + size);
}

/**
 * The encoding of the whole source, by decodeText's rule (core's EncodingDetector): read until
 * a BOM or a byte that is not UTF-8 decides it, or to the end. Both passes then decode with it:
 * a chunk is never judged on its own (Shift_JIS ﾂｱ alone is valid UTF-8).
 * @example await sourceEncoding('lines.csv') // 'shift_jis'
 */
export async function sourceEncoding(source: LinesSource, size = 1 << 20): Promise<TextEncodingName> {
  const detector = new EncodingDetector();
  for await (const b of pieces(source, size)) if (!detector.push(b)) break;
  return detector.result();
}

/**
 * Characters one record of the invoice lines may hold: a line of 17 cells of at most 10,000
 * characters each is well within it. A longer one is a quote left open (the rest of the file then
 * reads as one cell): it is refused where it starts, instead of held while the file is read.
 */
export const MAX_RECORD_CHARS = 1_000_000;

/** A record of the invoice lines past MAX_RECORD_CHARS, starting at `row`. */
export class RecordTooLong extends Error {
  constructor(readonly row: number) {
    super(`a record longer than ${MAX_RECORD_CHARS} characters starts at row ${row}`);
  }
}

/**
 * The header line, then chunks of complete records of about `size` bytes, decoded in `encoding`
 * by one decoder across the pieces (a character cut by a piece's end waits for the next).
 * Text that holds no whole record yet waits until as much text again has come before it is
 * scanned again (`scanned` is told each scan's length), so a record of megabytes costs a few
 * times its reading, not a scan per piece.
 * @example for await (const c of csvChunks('lines.csv', 'shift_jis')) if ('text' in c) readTable(`${header}\n${c.text}`, schema, { file })
 */
export async function* csvChunks(
  source: LinesSource,
  encoding: TextEncodingName,
  size = 1 << 20,
  scanned: (length: number) => void = () => {},
): AsyncGenerator<CsvChunk | { header: string }> {
  const decode = pieceDecoder(encoding);
  // A record cut by a chunk's end is read again with what follows, once as much text again has
  // come (core's CarriedText, the rule scanCsvPieces reads by).
  const gather = new CarriedText();
  let header: string | undefined;
  let linesBefore = 0;
  /** Carries the unfinished record on, unless it is already longer than any line. */
  const carry = (t: string, row: number) => {
    if (t.length > MAX_RECORD_CHARS) throw new RecordTooLong(row);
    gather.carry(t);
  };
  function* emit(text: string, final: boolean): Generator<CsvChunk | { header: string }> {
    let t = text;
    scanned(t.length);
    if (header === undefined) {
      const end = completeRecordsEnd(t, true);
      if (end < 0 && !final) {
        carry(t, 1);
        return;
      }
      const cut = end < 0 ? t.length : end;
      header = t.slice(0, cut).replace(/\r?\n$/, '');
      linesBefore = countLines(t.slice(0, cut)) || 1;
      yield { header };
      t = t.slice(cut);
    }
    const end = final ? t.length : completeRecordsEnd(t, false);
    if (end <= 0) {
      carry(t, linesBefore + 1);
      return;
    }
    const part = t.slice(0, end);
    carry(t.slice(end), linesBefore + 1 + countLines(part));
    if (part !== '') yield { text: part, linesBefore };
    linesBefore += countLines(part);
  }
  for await (const b of pieces(source, size)) {
    const text = decode(b, true);
    if (text === '') continue;
    const ready = gather.add(text);
    if (ready !== undefined) yield* emit(ready, false);
  }
  yield* emit(gather.rest() + decode(new Uint8Array(0), false), true);
}

/** readTable on one chunk, with row numbers of the whole file. */
function readChunk<S extends Parameters<typeof readTable>[1]>(header: string, chunk: CsvChunk, schema: S, file: string) {
  const t = readTable(`${header}\n${chunk.text}`, schema, { file });
  const shift = chunk.linesBefore - 1;
  return {
    rows: t.rows.map((r) => ({ row: r.row + shift, value: r.value })),
    problems: t.problems.filter((p) => p.row > 1).map((p) => ({ ...p, row: p.row + shift })),
    records: t.recordCount,
  };
}

// ---------------------------------------------------------------------------------------------
// Pass 1: the last row of every invoice number.

export type InputScan =
  | {
      readonly ok: true;
      /** The row on which each invoice number is last seen. */
      readonly lastRow: ReadonlyMap<string, number>;
      /** Problems the header has that reject nothing (printed, not listed). */
      readonly headerNotes: readonly Problem[];
      /** A column the file has but nothing reads: a misspelt optional header would silently default. */
      readonly unusedColumns: readonly Problem[];
      /** Each column as the file's header wrote it: problems found per invoice name it so. */
      readonly written: Readonly<Record<string, string>>;
      /** The file's encoding, for the second pass to read it the same way. */
      readonly encoding: TextEncodingName;
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * The first pass. A missing column, an empty file or a file that cannot be read rejects the file
 * at once (`ok: false`), before any output exists.
 * @example await scanInput('/data/lines.csv', 'lines.csv') // { ok: true, lastRow: Map { 'INV-1' => 4 }, … }
 */
export async function scanInput(path: LinesSource, file: string): Promise<InputScan> {
  const lastRow = new Map<string, number>();
  const headerNotes: Problem[] = [];
  const unusedColumns: Problem[] = [];
  let written: Readonly<Record<string, string>> = {};
  let encoding: TextEncodingName = 'utf-8';
  let records = 0;
  try {
    encoding = await sourceEncoding(path);
    let header = '';
    for await (const c of csvChunks(path, encoding)) {
      if ('header' in c) {
        header = c.header;
        const head = readTable(header, INVOICE_LINE_COLUMNS, { file });
        if (head.problems.some(isError)) return { ok: false, problems: head.problems };
        headerNotes.push(...head.problems);
        written = head.written;
        for (const name of head.unknownColumns) {
          unusedColumns.push(
            problem(
              file,
              1,
              name,
              '',
              '使われない列です（見出しの綴りを確認してください）',
              'column not used (check the header spelling)',
              'warning',
            ),
          );
        }
        continue;
      }
      const chunk = readChunk(header, c, INVOICE_NUMBER_COLUMN, file);
      records += chunk.records;
      for (const r of chunk.rows) lastRow.set(r.value.invoice_no, r.row);
    }
    if (header === '') {
      return {
        ok: false,
        problems: [problem(file, 0, '', '', 'ファイルが空です（見出し行がありません）', 'file is empty (no header row)')],
      };
    }
    // A header and no line (a template, the wrong sheet): nothing to issue is not a run that went well.
    if (records === 0) return { ok: false, problems: [noInvoiceLines(file)] };
  } catch (e) {
    if (e instanceof RecordTooLong) {
      const limit = MAX_RECORD_CHARS.toLocaleString('en-US');
      return {
        ok: false,
        problems: [
          problem(
            file,
            e.row,
            '',
            '',
            `この行から${limit}文字を超えても行が終わりません（引用符 " が閉じていないのでは）。ファイル全体を却下しました`,
            `a record of over ${limit} characters starts on this row (a quote " left open?); the file is refused`,
          ),
        ],
      };
    }
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      return { ok: false, problems: [problem(file, 0, '', '', `ファイルを読めません (${code})`, `cannot read file (${code})`)] };
    }
    throw e;
  }
  return { ok: true, lastRow, headerNotes, unusedColumns, written, encoding };
}

// ---------------------------------------------------------------------------------------------
// Pass 2: invoices as their last row arrives.

/** An invoice's rows, all read; or the problems of a row without an invoice number, which belongs to no invoice. */
export type InvoiceRead = { readonly invoice_no: string; readonly group: InvoiceGroup } | { readonly ungrouped: readonly Problem[] };

/**
 * The second pass: each invoice as soon as its last row (from {@link scanInput}) has been read, in
 * the order of those rows; the rows without an invoice number of each chunk after its invoices;
 * last, any invoice still open (the file changed between the passes).
 * @example for await (const r of invoicesAsRead(path, 'lines.csv', scan.lastRow, scan.encoding)) if ('group' in r) settleInvoice(r.group, issuer, 'lines.csv')
 */
export async function* invoicesAsRead(
  path: LinesSource,
  file: string,
  lastRow: ReadonlyMap<string, number>,
  encoding: TextEncodingName,
): AsyncGenerator<InvoiceRead> {
  const open = new Map<string, InvoiceGroup>();
  function* complete(no: string): Generator<InvoiceRead> {
    const group = open.get(no);
    open.delete(no);
    if (group) yield { invoice_no: no, group };
  }
  let header = '';
  for await (const c of csvChunks(path, encoding)) {
    if ('header' in c) {
      header = c.header;
      continue;
    }
    const ids = readChunk(header, c, INVOICE_NUMBER_COLUMN, file);
    const full = readChunk(header, c, INVOICE_LINE_COLUMNS, file);
    const added = addInvoiceRows(open, ids, full);
    for (const { invoice_no, row } of added.rows) if (lastRow.get(invoice_no) === row) yield* complete(invoice_no);
    for (const ps of added.ungrouped) yield { ungrouped: ps };
  }
  for (const no of [...open.keys()]) yield* complete(no);
}
