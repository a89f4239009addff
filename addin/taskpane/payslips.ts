/**
 * 給与明細 PDFs for every employee of the ranges, rendered by core's payslip layout and packed
 * in one ZIP, as `urakata payroll --payslips DIR` writes them one file each. Pure: the caller
 * passes the font bytes.
 */
import type { IsoDate } from '../../core/dates/calendar.js';
import { InputError, isError } from '../../core/errors.js';
import { uniqueFileNames } from '../../core/files/file-names.js';
import type { PdfFontBytes } from '../../core/pdf/document.js';
import { renderPayslip } from '../../core/payroll/payslip.js';
import { runPayroll } from '../../core/payroll/run.js';
import { storeZip } from '../../core/sheet-functions/zip.js';

export interface PayslipRequest {
  readonly employees: { readonly csv: string; readonly file: string };
  readonly attendance: { readonly csv: string; readonly file: string };
  readonly payDate: IsoDate;
  readonly companyName?: string | undefined;
  /** The 年末調整 result whose settlement this pay carries (the year's last pay). */
  readonly yearEnd?: { readonly csv: string; readonly file: string } | undefined;
}

/**
 * The ZIP of payslips, `{employee_id}.pdf` each; an InputError lists every bad cell.
 * @example const zip = await payslipsZip({ employees, attendance, payDate: '2026-05-25' }, fonts)
 */
export async function payslipsZip(
  request: PayslipRequest,
  fonts: PdfFontBytes,
): Promise<{ name: string; bytes: Uint8Array; count: number }> {
  const run = runPayroll(
    { data: request.employees.csv, file: request.employees.file },
    { data: request.attendance.csv, file: request.attendance.file },
    { payDate: request.payDate, ...(request.yearEnd ? { yearEnd: { data: request.yearEnd.csv, file: request.yearEnd.file } } : {}) },
  );
  const errors = run.problems.filter(isError);
  if (errors.length > 0) throw new InputError(errors);
  // The same file names as the CLI: the employee id made safe, one file per id.
  const names = uniqueFileNames(
    run.results.map((r) => r.employee.employee_id),
    '.pdf',
  );
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const [i, r] of run.results.entries()) {
    files.push({
      name: names[i] ?? `${i + 1}.pdf`,
      bytes: await renderPayslip(r.result, { fonts, ...(request.companyName ? { companyName: request.companyName } : {}) }),
    });
  }
  return { name: `payslips-${request.payDate}.zip`, bytes: storeZip(files), count: files.length };
}
