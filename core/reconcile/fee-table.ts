/**
 * 振込手数料 a payer may deduct from a transfer (先方負担手数料を差し引いた入金). The amount is
 * whatever the payer's bank or FB tool has registered, often an old table value, so it is a set,
 * not a rule. Sources (reconciliation notes §2.5): MUFG/みずほ/SMBC net and ATM fees 2021-10 and
 * 2026-02 (jisin.jp 2021038; news.livedoor.com 30554182), みずほ ビジネスWEB 2019-10, 滋賀銀行
 * 2022-03, 東日本銀行 FAQ 170, 銚子信用金庫 2019-08, invox examples (165, 660); 8% era values
 * from みずほ 2019 and はましん 2014. Per-customer learned fees come first in matching; this set
 * only applies where the customer bears no fee (当方負担) or is unflagged.
 */
import type { IsoDate } from '../dates/calendar.js';

export interface FeeSet {
  readonly from: IsoDate;
  readonly to: IsoDate | undefined;
  readonly fees: readonly number[];
  readonly source: string;
}

export const TRANSFER_FEE_SETS: readonly FeeSet[] = [
  {
    from: '2014-04-01',
    to: '2019-09-30',
    fees: [216, 270, 324, 432, 540, 648, 756, 864],
    source: '消費税8%期の振込手数料（みずほ銀行 2019年改定前、はましん 2014年）',
  },
  {
    from: '2019-10-01',
    to: undefined,
    // 756 and 864 stay: payers keep registered 8%-era tables (滋賀銀行・東日本銀行 FAQ).
    fees: [110, 150, 154, 165, 209, 220, 275, 320, 330, 385, 440, 550, 594, 660, 756, 770, 864, 880, 990],
    source: '消費税10%期の振込手数料（三菱UFJ・みずほ・三井住友 2021-10/2026-02、滋賀銀行 2022-03、銚子信金 2019-10 ほか）',
  },
];

/**
 * The global fee set for a deposit date, or undefined before the first table (no guess).
 * @example globalFeesOn('2026-06-01')?.includes(440) // true
 */
export function globalFeesOn(date: IsoDate): readonly number[] | undefined {
  return TRANSFER_FEE_SETS.find((s) => s.from <= date && (s.to === undefined || date <= s.to))?.fees;
}
