/**
 * The 仕訳 sheet for the 消込 pane: the entries `urakata reconcile --journal` writes with the
 * default accounts for the same statement and open items — one per automatic match, 普通預金 and
 * any deducted fee against 売掛金 of each customer — on the sheet 仕訳_消込. The entries go back
 * to the sidebar, which writes the import file from them (Shift_JIS needs the platform's
 * TextDecoder, which Apps Script lacks: journalSheet, sheet-io.ts).
 */
import { todayInTokyo } from '../core/dates/calendar.js';
import { isError, problemLine } from '../core/errors.js';
import { journalCustomers, reconcileJournal } from '../core/journal/reconcile.js';
import { RECONCILE_JOURNAL_SHEET } from '../core/sheet-functions/payroll.js';
import { reconcileOfCells } from '../core/sheet-functions/reconcile.js';
import { journalSheet, type JournalSheetView, readRange } from './sheet-io.js';

/**
 * Matches the two ranges as 「消込を実行」 does and writes the automatic matches' 仕訳; every
 * input error thrown at once, a line each, and no sheet written. Nothing is written when no
 * deposit matched automatically.
 * @example uraReconcileJournal("'入金明細'!A1:F2001", "'請求残高'!A1:J800") // → { sheet: '仕訳_消込', entries: [1812 entries] }
 */
export function uraReconcileJournal(bankA1: unknown, openA1: unknown): JournalSheetView {
  if (!bankA1 || !openA1) throw new Error('範囲を選んでください: 入金明細、請求残高 / pick the ranges first');
  const run = reconcileOfCells(readRange(String(bankA1), '入金明細'), readRange(String(openA1), '請求残高'), {
    // Today by the script's clock: core reads a 全銀 statement's two-digit years against it.
    today: todayInTokyo(new Date()),
  });
  if (!run.ok) throw new Error(run.problems.filter(isError).map(problemLine).join('\n'));
  return journalSheet(RECONCILE_JOURNAL_SHEET, reconcileJournal(run.decisions, journalCustomers(run.openItems)));
}
