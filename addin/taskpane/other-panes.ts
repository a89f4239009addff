/** The 給与 and 設定 panes: small enough to share a file. */
import { employeesCsv, yearEndCsv } from '../../core/sheet-functions/payroll.js';
import { matrixToCsvText } from '../../core/sheet-functions/cells.js';
import { parseDate } from '../../core/dates/parse.js';
import { combinationLimit } from '../../core/reconcile/limits.js';
import { byId, download, errorText, feedback, onClick, onPick } from './dom.js';
import { t } from './i18n.js';
import { isJournalFormat } from '../../core/journal/formats.js';
import { buildPayrollJournal, buildPayrollSheet, payrollTransferFile, readPayrollRanges } from './payroll-actions.js';
import { renderInWorker } from './pdf-runner.js';
import type { ExcelRun } from './reconcile-actions.js';
import { type KeyValueStorage, loadSettings, saveSettings } from './settings.js';
import { parseRangeRef, readTables, selectedAddress } from './workbook.js';
import { timesAsShown } from './sheet-table.js';

/**
 * Wires the 給与 pane's buttons.
 * @example initPayrollPane((b) => Excel.run(b), OfficeRuntime.storage)
 */
export function initPayrollPane(run: ExcelRun, storage: KeyValueStorage): void {
  const employees = byId<HTMLInputElement>('pay-employees');
  const attendance = byId<HTMLInputElement>('pay-attendance');
  const date = byId<HTMLInputElement>('pay-date');
  // The 年末調整 result, for the year's last pay; blank: no settlement.
  const yearEnd = byId<HTMLInputElement>('pay-year-end');
  const { say, fail, show, clear } = feedback('pay-status', 'pay-problems');
  const pick = () => run((context) => selectedAddress(context));
  onPick(byId<HTMLButtonElement>('pay-employees-pick'), employees, pick, fail);
  onPick(byId<HTMLButtonElement>('pay-attendance-pick'), attendance, pick, fail);
  onPick(byId<HTMLButtonElement>('pay-year-end-pick'), yearEnd, pick, fail);
  /** Clears the last problems; the pay date when both ranges and the date are filled in. */
  const start = () => {
    clear();
    const payDate = parseDate(date.value);
    return employees.value.trim() && attendance.value.trim() ? payDate : undefined;
  };
  onClick(
    byId<HTMLButtonElement>('pay-run'),
    async () => {
      const payDate = start();
      if (!payDate) return say(t('needRanges'));
      say(t('payRunning'));
      const r = await buildPayrollSheet(run, employees.value, attendance.value, payDate, yearEnd.value);
      say(t('payDone', { sheet: r.sheet, count: r.employees }));
    },
    fail,
  );
  onClick(
    byId<HTMLButtonElement>('pay-slips'),
    async () => {
      const payDate = start();
      if (!payDate) return say(t('needRanges'));
      say(t('payslipsRunning'));
      const ranges = await readPayrollRanges(run, employees.value, attendance.value, yearEnd.value);
      const { issuer } = await loadSettings(storage);
      const answer = await renderInWorker({
        kind: 'payslips',
        request: {
          employees: { csv: employeesCsv(ranges.employees.values), file: ranges.employees.file },
          attendance: { csv: matrixToCsvText(ranges.attendance.values), file: ranges.attendance.file },
          ...(ranges.yearEnd ? { yearEnd: { csv: yearEndCsv(ranges.yearEnd.values), file: ranges.yearEnd.file } } : {}),
          payDate,
          companyName: issuer.name || undefined,
        },
      });
      if (answer.type === 'rejected') {
        show(answer.problems);
        return say(t('rejected', { count: answer.problems.length }));
      }
      if (answer.type === 'failed') return say(t('failed', { message: answer.message }));
      download(answer.name, answer.bytes, 'application/zip');
      say(t('payslipsSaved', { name: answer.name, count: answer.count ?? 0 }));
    },
    fail,
  );
  onClick(
    byId<HTMLButtonElement>('pay-zengin'),
    async () => {
      const payDate = start();
      if (!payDate) return say(t('needRanges'));
      const companyFile = byId<HTMLInputElement>('pay-company').files?.[0];
      if (!companyFile) return say(t('needCompany'));
      let companyJson: unknown;
      try {
        companyJson = JSON.parse(await companyFile.text());
      } catch {
        companyJson = null;
      }
      const file = await payrollTransferFile(run, employees.value, attendance.value, payDate, companyJson, yearEnd.value);
      download(file.name, file.bytes, 'text/plain');
      say(t('zenginSaved', { name: file.name }));
    },
    fail,
  );
  onClick(
    byId<HTMLButtonElement>('pay-journal'),
    async () => {
      const payDate = start();
      if (!payDate) return say(t('needRanges'));
      const format = byId<HTMLSelectElement>('pay-journal-format').value;
      if (!isJournalFormat(format)) return;
      say(t('payRunning'));
      const r = await buildPayrollJournal(run, employees.value, attendance.value, payDate, format, yearEnd.value);
      download(r.name, r.bytes, 'text/csv');
      say(t('journalSaved', { sheet: r.sheet, name: r.name, count: r.entries }));
    },
    fail,
  );
}

/**
 * Fills the 設定 fields from storage and saves them back.
 * @example await initSettingsPane(OfficeRuntime.storage)
 */
export async function initSettingsPane(storage: KeyValueStorage): Promise<void> {
  const field = (id: string) => byId<HTMLInputElement>(id);
  const status = byId('set-status');
  const s = await loadSettings(storage);
  field('set-endpoint').value = s.apiEndpoint;
  field('set-key').value = s.apiKey;
  byId<HTMLSelectElement>('set-rounding').value = s.rounding;
  field('set-max-combination').value = String(s.maxCombination);
  field('set-issuer-name').value = s.issuer.name;
  field('set-issuer-number').value = s.issuer.registration_number;
  field('set-issuer-address').value = s.issuer.address;
  field('set-issuer-phone').value = s.issuer.phone;
  onClick(
    byId<HTMLButtonElement>('set-save'),
    async () => {
      await saveSettings(storage, {
        apiEndpoint: field('set-endpoint').value,
        apiKey: field('set-key').value,
        rounding: byId<HTMLSelectElement>('set-rounding').value as 'floor' | 'round' | 'ceil',
        maxCombination: combinationLimit(field('set-max-combination').value),
        issuer: {
          name: field('set-issuer-name').value.trim(),
          registration_number: field('set-issuer-number').value.trim(),
          address: field('set-issuer-address').value.trim(),
          phone: field('set-issuer-phone').value.trim(),
        },
      });
      status.textContent = t('saved');
    },
    (e) => {
      status.textContent = t('failed', { message: errorText(e) });
    },
  );
}
