/**
 * errors.csv, the one layout of every problem a batch lists beside its results (`urakata
 * invoices`, the Lambda invoice batch, reconcile jobs, payroll and year-end runs): UTF-8 with BOM,
 * columns `file,row,column,value,message` — the file as the user named it (or the upload's name),
 * its row as a spreadsheet shows it (the header is row 1, 0 the file as a whole), the column as
 * its header was written, the value as read, and the message in Japanese / English with a
 * warning tagged `警告 warning: ` ({@link problemMessage}).
 */
import { type Problem, problemMessage } from '../errors.js';
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
