/** The 年末調整 pane: the ranges and a year → the result sheet 「年末調整 令和8年分」. */
import { isError, type Problem } from '../../core/errors.js';
import { cellToYear, problemLine } from '../../core/functions/nencho.js';
import { byId, feedback, onClick, onPick } from './dom.js';
import { t } from './i18n.js';
import { buildYearEndSheet, readYearEndRequest, type YearEndFields } from './nencho-actions.js';
import type { ExcelRun } from './reconcile-actions.js';
import { selectedAddress } from './workbook.js';

/**
 * Wires the 年末調整 pane's buttons.
 * @example initYearEndPane((b) => Excel.run(b))
 */
export function initYearEndPane(run: ExcelRun): void {
  const field = (id: string) => byId<HTMLInputElement>(id);
  const { say, fail, show, clear } = feedback('nen-status', 'nen-problems', problemLine);
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
    return { employees, declarations, pay, year: cellToYear(field('nen-year').value) };
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
}
