/**
 * An uploaded table that may be an Excel workbook: the CSV of its first visible sheet, read by
 * core/xlsx with Node's zlib (bounded, so a zip bomb is refused), for every cloud run that takes
 * a CSV — invoice batches, reconcile jobs, payroll runs, year-end runs — and the CLI.
 */
import { inflateRawSync } from 'node:zlib';
import { type Problem, problem } from '../core/errors.js';
import { inSheetTerms, isLegacyXls, isXlsx, readSheet, type SheetText } from '../core/xlsx/index.js';
import { looksLikeZip } from '../core/xlsx/zip.js';

/** Node's zlib, bounded: it stops (RangeError) as soon as the output would pass `maxBytes`. */
export const inflateRaw = (raw: Uint8Array, maxBytes: number): Uint8Array =>
  new Uint8Array(inflateRawSync(raw, { maxOutputLength: Math.max(1, maxBytes) }));

/** An .xls of Excel 97–2003, which Urakata does not read, named with how to save it instead. */
export const legacyXls = (name: string): Problem =>
  problem(
    name,
    0,
    '',
    '',
    '古い形式の Excel ブック (.xls) です。Excel で .xlsx か CSV として保存し直してください',
    'an Excel 97–2003 workbook (.xls): save it from Excel as .xlsx or CSV',
  );

/**
 * True for text in UTF-16 with its byte-order mark, as Excel saves 「Unicode テキスト」.
 * @example isUtf16(new Uint8Array([0xff, 0xfe, 0x65, 0x51])) // true
 */
export function isUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** A UTF-16 file, which Urakata does not read (its header read as Shift_JIS was garbled), named with how to save it instead. */
const utf16 = (name: string): Problem =>
  problem(
    name,
    0,
    '',
    '',
    'UTF-16（Unicode テキスト）のファイルです。Excel で「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください',
    "a UTF-16 file (Excel's Unicode Text): save it from Excel as CSV UTF-8 (Comma delimited) or CSV (Comma delimited)",
  );

/** A ZIP archive that holds no workbook: an .xlsx cut short (a copy stopped) or damaged, or another archive. */
const notAWorkbook = (name: string): Problem =>
  problem(
    name,
    0,
    '',
    '',
    'Excel ブック（.xlsx）として読めません。途中で切れているか壊れているか、別の ZIP ファイルです。Excel で開けるか確かめて、保存し直してください',
    'cannot be read as an Excel workbook (.xlsx): cut short, damaged, or another ZIP archive; check that Excel opens it, and save it again',
  );

/** An upload as the CSV readers take it; `sheet` when it was a workbook. */
export interface UploadedTable {
  readonly data: Uint8Array;
  readonly file: string;
  readonly sheet?: SheetText;
}

/**
 * A CSV upload as it is; a workbook (known by its bytes, whatever its name) as the CSV of the
 * sheet named (a CSV ignores the name) or its first visible one, named `{name} シート「…」`; an
 * .xls of Excel 97–2003, a UTF-16 text and a ZIP without a workbook refused, saying what to do.
 * @example uploadedTable(bytes, 'bank.csv') // { data: Uint8Array(…), file: 'bank.csv' }
 */
export function uploadedTable(bytes: Uint8Array, name: string, sheetName?: string): UploadedTable | Problem {
  if (isLegacyXls(bytes)) return legacyXls(name);
  if (isUtf16(bytes)) return utf16(name);
  if (!isXlsx(bytes)) return looksLikeZip(bytes) ? notAWorkbook(name) : { data: bytes, file: name };
  const sheet = readSheet(bytes, { file: name, sheet: sheetName, inflateRaw });
  if ('message_ja' in sheet) return sheet;
  return { data: new TextEncoder().encode(sheet.csv), file: sheet.file, sheet };
}

/**
 * Problems a run gave under the upload's name, named as Excel shows the sheet: the sheet's name,
 * its row, the column's letter.
 * @example inUploadedSheets(problems, new Map([['bank.csv', sheet]]))
 */
export function inUploadedSheets(problems: readonly Problem[], sheets: ReadonlyMap<string, SheetText>): Problem[] {
  let out = [...problems];
  for (const [name, sheet] of sheets) {
    out = inSheetTerms(
      out.map((p) => (p.file === name ? { ...p, file: sheet.file } : p)),
      sheet,
    );
  }
  return out;
}
