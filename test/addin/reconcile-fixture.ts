/**
 * A statement and open items made to a known answer, as a user's sheets hold them (dates as
 * Excel serial numbers with a date format). Line i (0-based):
 *   i % 20 === 19 → an unknown payer and an amount no invoice has: unmatched (未消込)
 *   i % 20 === 18 → an unknown payer paying exactly one invoice's unique amount: suggested (要確認, never automatic)
 *   otherwise     → the customer's own kana name and its invoice's exact amount: auto (自動消込)
 */
import type { MatchStatus } from '../../core/reconcile/types.js';

const SYLLABLES = 'アイウエオカキクケコサシスセソタチツテト'.split('');

/** Four katakana from the customer number: 160,000 distinct names of one length, none a prefix of another. */
export function customerKana(i: number): string {
  const n = SYLLABLES.length;
  const digit = (k: number) => SYLLABLES[Math.floor(i / n ** k) % n];
  return `${digit(0)}${digit(1)}${digit(2)}${digit(3)}ショウジ`;
}

export const invoiceAmount = (i: number) => 10_000 + i * 37;

/** 2026-05-01 as an Excel serial (1899-12-30 + 46143 days). */
const MAY_1 = 46_143;

export const expectedStatus = (i: number): MatchStatus => (i % 20 === 19 ? 'unmatched' : i % 20 === 18 ? 'suggested' : 'auto');

export function statementSheet(lines: number): { values: (string | number)[][]; formats: string[][] } {
  const values: (string | number)[][] = [['日付', '振込依頼人名', '入金額']];
  for (let i = 0; i < lines; i++) {
    const status = expectedStatus(i);
    const payer = status === 'auto' ? customerKana(i) : `ヴヴ${i}ヌ`;
    const amount = status === 'unmatched' ? 9_000_000 + i : invoiceAmount(i);
    values.push([MAY_1 + (i % 28), payer, amount]);
  }
  return { values, formats: values.map((_, r) => (r === 0 ? ['General', 'General', 'General'] : ['yyyy/m/d', 'General', '#,##0'])) };
}

export function openItemsSheet(count: number): { values: (string | number)[][]; formats: string[][] } {
  const values: (string | number)[][] = [['請求書番号', '得意先コード', '得意先名', '得意先カナ', '請求日', '支払期限', '請求残高']];
  for (let i = 0; i < count; i++) {
    values.push([
      `INV-${String(i).padStart(5, '0')}`,
      `C${String(i).padStart(5, '0')}`,
      `取引先${i}`,
      customerKana(i),
      MAY_1 - 30,
      MAY_1 + 30,
      invoiceAmount(i),
    ]);
  }
  return {
    values,
    formats: values.map((_, r) => (r === 0 ? Array(7).fill('General') : ['@', '@', '@', '@', 'yyyy/m/d', 'yyyy/m/d', '#,##0'])),
  };
}
