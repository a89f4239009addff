/**
 * 源泉徴収票 for the spreadsheet panes: one PDF per employee the panes' year-end run keeps
 * (yearEndForPane), in core's layout (renderWithholdingSlip), packed in one ZIP and named as
 * `urakata nencho --slips DIR` names its files. Excel's PDF worker and the Sheets sidebar's slip
 * renderer both call this; it is not exported from index.ts, so neither the functions bundle nor
 * Code.js carries the PDF renderer. Pure: the caller passes the font bytes.
 */
import { InputError, isError, type Problem } from '../errors.js';
import { uniqueFileNames } from '../files/file-names.js';
import type { PdfFontBytes } from '../pdf/document.js';
import { parsePayer } from '../payroll/year-end/payer.js';
import { renderWithholdingSlip } from '../payroll/year-end/slip.js';
import { nothingLeft, type YearEndRequest, yearEndForPane } from './nencho.js';
import { storeZip } from './zip.js';

/** The 支払者 as the pane has it (name, address, phone), and the name problems report it under. */
export interface PayerInput {
  readonly json: unknown;
  readonly file: string;
}

export interface SlipsZip {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly count: number;
  /** Every problem, warnings included: the employees an error touches have no slip. */
  readonly problems: readonly Problem[];
}

/**
 * The ZIP of 源泉徴収票, `{employee_id}.pdf` each. A payer with a fault, or no employee left, is
 * an InputError listing every problem.
 * @example const zip = await withholdingSlipsZip(request, fonts, { json: { name: '株式会社ウラカタ' }, file: '設定' }) // zip.name === 'withholding-slips-2026.zip'
 */
export async function withholdingSlipsZip(request: YearEndRequest, fonts: PdfFontBytes, payer?: PayerInput): Promise<SlipsZip> {
  const paying = payer ? parsePayer(payer.json, payer.file) : { problems: [] };
  const run = yearEndForPane(request);
  const problems = [...paying.problems, ...run.problems];
  if (paying.problems.some(isError) || nothingLeft(run)) {
    throw new InputError(problems.filter(isError));
  }
  const names = uniqueFileNames(
    run.results.map((r) => r.employee.employee_id),
    '.pdf',
  );
  const options = { fonts, year: request.year, ...(paying.payer ? { payer: paying.payer } : {}) };
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const [i, r] of run.results.entries())
    files.push({ name: names[i] ?? `${i + 1}.pdf`, bytes: await renderWithholdingSlip(r, options) });
  return { name: `withholding-slips-${request.year}.zip`, bytes: storeZip(files), count: files.length, problems };
}
