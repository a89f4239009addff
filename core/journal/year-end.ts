/**
 * 仕訳 for a 年末調整 whose settlement is paid outside the payroll run (a refund by transfer, a
 * shortfall collected apart): the year's 超過額 (refunds) taken back from 預り金／源泉所得税 and owed
 * to the employees, the 不足額 added to it and owed by them — both on 未払金／年末調整 by default.
 * When December's payroll is run with the settlement (`payroll --year-end`), its journal books the
 * settlement already: import one or the other, never both.
 */
import type { Yen } from '../money/yen.js';
import { type AccountMap, DEFAULT_ACCOUNT_MAP, postingFor } from './accounts.js';
import { EntryBuilder, type JournalEntry } from './entry.js';

/**
 * One entry dated the year's last day, with the refunds and the shortfalls as separate lines;
 * none when nothing is to be settled. `difference` is the 年末調整 result's ㉗ (超過額 −, 不足額 +).
 * @example yearEndJournal([{ difference: -115_270 }], 2026)[0].lines[0] // debit 預り金／源泉所得税 115,270
 */
export function yearEndJournal(
  rows: readonly { readonly difference: Yen | null }[],
  year: number,
  map: AccountMap = DEFAULT_ACCOUNT_MAP,
): JournalEntry[] {
  let refunds = 0;
  let shortfalls = 0;
  for (const r of rows) {
    if (r.difference === null) continue;
    if (r.difference < 0) refunds -= r.difference;
    else shortfalls += r.difference;
  }
  const withheld = postingFor(map, 'year_end_adjustment');
  const settlement = postingFor(map, 'year_end_settlement');
  const b = new EntryBuilder(`${year}-12-31`, `年末調整 ${year}年分`)
    .debit(withheld, refunds, 0, '還付（超過額）')
    .credit(settlement, refunds, 0, '還付（超過額）')
    .debit(settlement, shortfalls, 0, '徴収（不足額）')
    .credit(withheld, shortfalls, 0, '徴収（不足額）');
  return b.isEmpty ? [] : [b.build()];
}
