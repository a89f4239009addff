/**
 * Spreadsheet functions for 入金消込 (design §3.1): RECONCILE and KANA. Excel calls them as
 * URA.*, Sheets as URA_*; cells are converted by `cells.ts`, the rules live in core/reconcile
 * and core/kana only. What the hosts show as help is each function's entry in catalog.ts; the
 * comments here add only what the code does beyond it.
 */
import { normalizeKey } from '../csv/columns.js';
import { argumentError, InputError, isError } from '../errors.js';
import { normalizePayerName } from '../kana/payer-name.js';
import { MAX_COMBINATION } from '../reconcile/limits.js';
import { reconcileTable } from '../reconcile/report.js';
import { type ReconcileRun, type ReconcileRunOptions, runReconcile } from '../reconcile/run.js';
import { type CellValue, cellToInt, cellToText, isBlank, type Matrix, matrixToCsvText, type SheetContext, withIsoDates } from './cells.js';

/** Columns that hold dates in either range (Excel passes them as serial numbers). */
const DATE_HEADERS = ['date', '日付', '取引日', '勘定日', 'issue_date', '請求日', 'due_date', '支払期限'];

function readOptions(options: Matrix | undefined): { maxCombination: number; tolerance: number } {
  let maxCombination = MAX_COMBINATION;
  let tolerance = 0;
  for (const row of options ?? []) {
    const [name, value] = row;
    if (isBlank(name)) continue;
    const key = normalizeKey(cellToText(name, 'options'));
    if (key === 'maxcombination' || key === normalizeKey('組合せ上限'))
      maxCombination = cellToInt(value, 'max_combination', 1, MAX_COMBINATION);
    else if (key === 'tolerance' || key === normalizeKey('許容差額')) tolerance = cellToInt(value, 'tolerance', 0);
    else
      throw argumentError(
        'options',
        name,
        '設定の項目は「max_combination」（組合せ上限）と「tolerance」（許容差額）です',
        'the options are "max_combination" and "tolerance"',
      );
  }
  return { maxCombination, tolerance };
}

/**
 * RECONCILE reading its bank range as of `today` (Tokyo, from the host; the bank readers place
 * two-digit years by it), and KANA.
 * @example reconcileFunctions({ today: '2026-06-30' }).KANA('ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ') // 'ヤマダシヨウジ'
 */
export function reconcileFunctions({ today }: SheetContext) {
  /**
   * URA.RECONCILE. The columns are the CLI's; input errors throw as one InputError listing them
   * all.
   * @example RECONCILE(Bank!A1:F1001, Open!A1:E301)
   */
  function RECONCILE(bank: Matrix, open_items: Matrix, options?: Matrix): (string | number)[][] {
    const { maxCombination, tolerance } = readOptions(options);
    const run = reconcileOfCells(bank, open_items, { today, maxCombination, tolerance });
    if (!run.ok) throw new InputError(run.problems.filter(isError));
    return reconcileTable(run.decisions);
  }

  return { RECONCILE, KANA };
}

/**
 * The run RECONCILE makes of a bank range and an open-items range (dates as the host gives them:
 * serials, date values or text), for a pane that needs more of it than the table: the decisions
 * and the open items, for the 仕訳.
 * @example reconcileOfCells(bank, open, { today: '2026-06-30' }).decisions
 */
export function reconcileOfCells(bank: Matrix, openItems: Matrix, options: ReconcileRunOptions): ReconcileRun {
  return runReconcile(
    { data: matrixToCsvText(withIsoDates(bank, DATE_HEADERS, 'bank')), file: 'bank' },
    { data: matrixToCsvText(withIsoDates(openItems, DATE_HEADERS, 'open_items')), file: 'open_items' },
    options,
  );
}

/**
 * URA.KANA.
 * @example KANA("ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ") // "ヤマダシヨウジ"
 */
export function KANA(text: CellValue): string {
  if (isBlank(text)) return '';
  return normalizePayerName(cellToText(text, 'text'));
}
