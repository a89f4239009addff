/**
 * 仕訳 for supplier payments (総合振込): each paid item clears its 買掛金 from the bank account.
 *
 * - 当方負担 (`ours`): the vendor receives the whole amount and the bank charges the company the fee:
 *   買掛金 amount + 支払手数料 fee / 普通預金 amount + fee.
 * - 先方負担 (`theirs`): the fee is deducted from the transfer, so the vendor bears it; the bank still
 *   takes it from the account. What leaves the account is the amount, as is what the 買掛金 clears:
 *   買掛金 amount / 普通預金 (amount − fee, the transfer) + 普通預金 (fee, the bank's charge). No
 *   expense is the company's.
 */
import type { IsoDate } from '../dates/calendar.js';
import { type AccountMap, DEFAULT_ACCOUNT_MAP, postingFor } from './accounts.js';
import { EntryBuilder, type JournalEntry } from './entry.js';

export interface PaidItem {
  /** The vendor as the 補助科目 of 買掛金 (its name, or its code if the books use codes). */
  readonly vendor: string;
  /** The payable settled (before any fee is deducted), positive yen. */
  readonly amount: number;
  /** 振込手数料 for this transfer (0 when none). */
  readonly fee: number;
  /** 手数料負担: 'ours' 当方負担, 'theirs' 先方負担 (deducted from the transfer). */
  readonly feeBurden: 'ours' | 'theirs';
  /** 支払日 (the transfer's date). */
  readonly date: IsoDate;
  /** 摘要 (default: 「{vendor} 支払」). */
  readonly memo?: string;
}

/**
 * One entry per paid item, in order.
 * @example
 * paymentJournal([{ vendor: '山田商店', amount: 110_000, fee: 660, feeBurden: 'ours', date: '2026-05-29' }])
 * // [{ date: '2026-05-29', lines: 買掛金/山田商店 110,000, 支払手数料 660 / 普通預金 110,660 }]
 */
export function paymentJournal(items: readonly PaidItem[], map: AccountMap = DEFAULT_ACCOUNT_MAP): JournalEntry[] {
  return items.map((item) => {
    const memo = item.memo ?? `${item.vendor} 支払`;
    const b = new EntryBuilder(item.date, memo).debit(postingFor(map, 'payable', item.vendor), item.amount);
    const bank = postingFor(map, 'bank');
    if (item.feeBurden === 'ours') {
      b.debit(postingFor(map, 'fee'), item.fee, 0, '振込手数料').credit(bank, item.amount + item.fee);
    } else {
      b.credit(bank, item.amount - item.fee).credit(bank, item.fee, 0, '振込手数料（先方負担）');
    }
    return b.build();
  });
}
