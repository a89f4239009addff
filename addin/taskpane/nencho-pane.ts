/** The 年末調整 pane: the ranges and a year → the result sheet 「年末調整 令和8年分」, and the 源泉徴収票 of the same run as one ZIP. */
import { todayInTokyo } from '../../core/dates/calendar.js';
import { InputError, isError, type Problem } from '../../core/errors.js';
import { cellToYear } from '../../core/sheet-functions/nencho.js';
import { byId, download, feedback, onClick, onPick } from './dom.js';
import { t } from './i18n.js';
import { buildYearEndSheet, readYearEndRequest, type YearEndFields } from './nencho-actions.js';
import { renderInWorker } from './pdf-runner.js';
import type { ExcelRun } from './reconcile-actions.js';
import { type KeyValueStorage, loadSettings } from './settings.js';
import { selectedAddress } from './workbook.js';

/**
 * Wires the 年末調整 pane's buttons.
 * @example initYearEndPane((b) => Excel.run(b), OfficeRuntime.storage)
 */
export function initYearEndPane(run: ExcelRun, storage: KeyValueStorage): void {
  const field = (id: string) => byId<HTMLInputElement>(id);
  const { say, fail, show, clear } = feedback('nen-status', 'nen-problems');
  const pick = () => run((context) => selectedAddress(context));
  onPick(byId<HTMLButtonElement>('nen-employees-pick'), field('nen-employees'), pick, fail);
  onPick(byId<HTMLButtonElement>('nen-declarations-pick'), field('nen-declarations'), pick, fail);
  // The pay may be several ranges (one payroll sheet per month): the selection is added to the list.
  onPick(byId<HTMLButtonElement>('nen-pay-pick'), field('nen-pay'), pick, fail, true);
  /** Clears the last problems; the fields when every range is given (the year is checked by core). */
  const fields = (): YearEndFields | undefined => {
    clear();
    const [employees, declarations, pay] = ['nen-employees', 'nen-declarations', 'nen-pay'].map((id) => field(id).value.trim());
    if (!employees || !declarations || !pay) return undefined;
    // A blank year is this year, by the pane's clock.
    return { employees, declarations, pay, year: cellToYear(field('nen-year').value, todayInTokyo(new Date())) };
  };
  const errorCount = (found: readonly Problem[]) => found.filter(isError).length;
  onClick(
    byId<HTMLButtonElement>('nen-run'),
    async () => {
      const f = fields();
      if (!f) return say(t('needYearEnd'));
      say(t('nenRunning'));
      const r = await buildYearEndSheet(run, await readYearEndRequest(run, f));
      show(r.problems);
      const errors = errorCount(r.problems);
      say(t(errors > 0 ? 'nenPartial' : 'nenDone', { sheet: r.sheet, count: r.employees, problems: errors }));
    },
    fail,
  );
  onClick(
    byId<HTMLButtonElement>('nen-slips'),
    async () => {
      const f = fields();
      if (!f) return say(t('needYearEnd'));
      say(t('slipsRunning'));
      const request = await readYearEndRequest(run, f);
      // The 支払者 printed on every slip: the issuer of 設定, when it has a name.
      const { issuer } = await loadSettings(storage);
      const payer = issuer.name
        ? { json: { name: issuer.name, address: issuer.address || undefined, phone: issuer.phone || undefined }, file: '設定 / Settings' }
        : undefined;
      const answer = await renderInWorker({ kind: 'withholding-slips', request, ...(payer ? { payer } : {}) });
      if (answer.type === 'rejected') return fail(new InputError(answer.problems));
      if (answer.type === 'failed') return say(t('failed', { message: answer.message }));
      download(answer.name, answer.bytes, 'application/zip');
      show(answer.problems ?? []);
      const errors = errorCount(answer.problems ?? []);
      say(t(errors > 0 ? 'slipsPartial' : 'slipsSaved', { name: answer.name, count: answer.count ?? 0, problems: errors }));
    },
    fail,
  );
}
