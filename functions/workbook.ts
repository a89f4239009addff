/**
 * An uploaded table that may be an Excel workbook: the CSV of its first visible sheet, read by
 * core/xlsx with Node's zlib (bounded, so a zip bomb is refused), for every cloud run that takes
 * a CSV — invoice batches, reconcile jobs, payroll runs, year-end runs — and the CLI.
 */
import { inflateRawSync } from 'node:zlib';
import { type Problem, problem } from '../core/errors.js';
import { inSheetTerms, isLegacyXls, isXlsx, readSheet, type SheetText } from '../core/xlsx/index.js';

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

/** An upload as the CSV readers take it; `sheet` when it was a workbook. */
export interface UploadedTable {
  readonly data: Uint8Array;
  readonly file: string;
  readonly sheet?: SheetText;
}

/**
 * A CSV upload as it is; a workbook (known by its bytes, whatever its name) as the CSV of the
 * sheet named (a CSV ignores the name) or its first visible one, named `{name} シート「…」`; an
 * .xls of Excel 97–2003 refused, saying how to save it.
 * @example uploadedTable(bytes, 'bank.csv') // { data: Uint8Array(…), file: 'bank.csv' }
 */
export function uploadedTable(bytes: Uint8Array, name: string, sheetName?: string): UploadedTable | Problem {
  if (isLegacyXls(bytes)) return legacyXls(name);
  if (!isXlsx(bytes)) return { data: bytes, file: name };
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
