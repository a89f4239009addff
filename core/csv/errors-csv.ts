/**
 * errors.csv, the one layout of every problem a batch lists beside its results (`urakata
 * invoices`, the Lambda invoice batch, reconcile jobs, payroll and year-end runs): UTF-8 with BOM,
 * columns `file,row,column,value,message` — the file as the user named it (or the upload's name),
 * its row as a spreadsheet shows it (the header is row 1, 0 the file as a whole), the column as
 * its header was written, the value as read, and the message in Japanese / English with a
 * warning tagged `警告 warning: ` ({@link problemMessage}); read back by {@link readErrorsCsv}.
 */
import { type Problem, problemMessage, problemPlace } from '../errors.js';
import { parseCsv } from './parse.js';
import { toCsvText } from './write.js';

export const ERRORS_CSV_COLUMNS = ['file', 'row', 'column', 'value', 'message'] as const;

/**
 * The rows of some problems without the header, for a file written as its problems come.
 * @example errorsCsvRows([problem('lines.csv', 4, 'tax_rate', '12', '税率が不正です', 'bad tax rate')]) // 'lines.csv,4,tax_rate,12,税率が不正です / bad tax rate\r\n'
 */
export function errorsCsvRows(problems: readonly Problem[]): string {
  return toCsvText(problems.map((p) => [p.file, p.row, p.column, p.value, problemMessage(p)]));
}

/**
 * A whole errors.csv: BOM, header, one row per problem (the header alone when there are none).
 * @example errorsCsv([]) // '\ufefffile,row,column,value,message\r\n'
 */
export function errorsCsv(problems: readonly Problem[]): string {
  return `\ufeff${toCsvText([ERRORS_CSV_COLUMNS])}${errorsCsvRows(problems)}`;
}

/** A row of errors.csv read back: each column as written (the message already "ja / en"). */
export interface ErrorsCsvRow {
  readonly file: string;
  readonly row: string;
  readonly column: string;
  readonly value: string;
  readonly message: string;
}

/**
 * errors.csv read back (by a pane that shows a batch's rejected rows): columns found by name, so a
 * file with fewer columns gives them empty; an empty or headerless text gives no rows.
 * @example readErrorsCsv('\ufefffile,row,column,value,message\r\nlines.csv,4,tax_rate,12,税率が不正です / bad tax rate\r\n')[0]?.row // '4'
 */
export function readErrorsCsv(text: string): ErrorsCsvRow[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, '')).records.map((r) => r.fields);
  if (!header) return [];
  const at = (row: readonly string[], name: string) => (header.includes(name) ? (row[header.indexOf(name)] ?? '') : '');
  return rows.map((r) => ({
    file: at(r, 'file'),
    row: at(r, 'row'),
    column: at(r, 'column'),
    value: at(r, 'value'),
    message: at(r, 'message'),
  }));
}

/**
 * A row of errors.csv as the panes list a problem ({@link problemLine}'s layout).
 * @example errorsRowLine({ file: 'lines.csv', row: '4', column: 'tax_rate', value: '12', message: '税率が不正です / bad tax rate' }) // 'lines.csv 4行目 / row 4 列「tax_rate」/ column tax_rate 値「12」: 税率が不正です / bad tax rate'
 */
export function errorsRowLine(r: ErrorsCsvRow): string {
  return `${problemPlace(r.file, Number(r.row) || 0, r.column, r.value)}: ${r.message}`;
}
