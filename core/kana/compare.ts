/** Payer name against a customer name, aware that banks cut long names. */
import { type PayerName, TRUNCATION_LENGTHS } from './payer-name.js';

export type NameMatch = 'exact' | 'truncated' | 'none';

/**
 * True when the bank may have cut the name: it is as long as one of the lengths banks cut at
 * (26 with EDI, 48 full …) or longer than 26.
 * @example mayBeTruncated(parsePayerName('ｱ'.repeat(26))) // true
 */
export function mayBeTruncated(payer: PayerName): boolean {
  return TRUNCATION_LENGTHS.has(payer.writtenLength) || payer.writtenLength >= 26;
}

/**
 * How a payer name compares with a customer name: the same core key, or — when the bank may
 * have cut the name — a prefix of the customer's key. A legal form written on both sides must
 * agree (ｶ)ﾔﾏﾀﾞ is not ﾕ)ﾔﾏﾀﾞ: namesakes are told apart by it).
 * @example compareNames(parsePayerName('ｶ)ﾔﾏﾀﾞ'), parseCustomerName('ヤマダ', '株式会社山田')) // 'exact'
 */
export function compareNames(payer: PayerName, customer: PayerName): NameMatch {
  if (payer.key === '' || customer.key === '') return 'none';
  if (!legalFormsAgree(payer, customer)) return 'none';
  if (payer.key === customer.key) return 'exact';
  if (mayBeTruncated(payer) && payer.key.length >= 6 && isCutPrefix(payer.key, customer.key)) return 'truncated';
  return 'none';
}

/**
 * `cut` is `whole` cut short. In half-width kana ﾃﾞ is two characters, so a cut can fall between
 * a kana and its voiced mark: a cut ending in テ is also a prefix of …デ….
 * @example isCutPrefix('シンアサヒコウキ', 'シンアサヒコウギヨウ') // true
 */
export function isCutPrefix(cut: string, whole: string): boolean {
  if (whole.startsWith(cut)) return true;
  const head = cut.slice(0, -1);
  const last = cut.slice(-1);
  const next = whole.charAt(head.length);
  return whole.startsWith(head) && next !== '' && unvoiced(next) === last;
}

function unvoiced(kana: string): string {
  return kana.normalize('NFD').replace(/[\u3099\u309A]/g, '');
}

/**
 * Both forms known and different → false; one unknown → true.
 * @example legalFormsAgree(parsePayerName('ｶ)ﾔﾏﾀﾞ'), parsePayerName('ﾕ)ﾔﾏﾀﾞ')) // false
 */
export function legalFormsAgree(a: PayerName, b: PayerName): boolean {
  return !a.legalForm || !b.legalForm || a.legalForm.id === b.legalForm.id;
}
