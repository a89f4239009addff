/**
 * 登録番号 (qualified-invoice issuer registration number): "T" + 13 digits.
 *
 * For a corporation the 13 digits are its 法人番号, whose first digit is a check digit
 * (法人番号の指定等に関する省令 平成26年財務省令第70号 第2条). Sole proprietors get 13 digits
 * that are neither a My Number nor a 法人番号 (国税庁「登録番号とは」), and the NTA publishes no
 * check digit rule for them — so a check-digit mismatch is only a warning, while a number that is
 * not "T" + 13 digits is an error. The official JP PINT rule (aligned-ibr-jp-01) also checks only
 * the pattern.
 */

export type RegistrationCheck =
  /** Well-formed, and the 法人番号 check digit matches. */
  | { readonly status: 'valid'; readonly number: string }
  /** Well-formed, but the first digit is not the 法人番号 check digit (a sole proprietor's number, or a typo). */
  | { readonly status: 'checkDigitMismatch'; readonly number: string; readonly expected: number }
  /** Not "T" + 13 digits. */
  | { readonly status: 'malformed' };

const DASHES = /[\s\u00a0\u3000\-‐‑‒–—―−ー－]/g;

/**
 * Normalises what users type: full-width letters and digits, lower-case t, spaces and hyphens.
 * Returns undefined when the result is not "T" + 13 digits.
 * @example normalizeRegistrationNumber('Ｔ７０００－０１２０５－０００２') // 'T7000012050002'
 */
export function normalizeRegistrationNumber(text: string): string | undefined {
  const t = text.normalize('NFKC').replace(DASHES, '').toUpperCase();
  return /^T\d{13}$/.test(t) ? t : undefined;
}

/**
 * 検査用数字 = 9 − (Σ Pn × Qn mod 9), Pn = n-th digit of the 12-digit 基礎番号 counted from the
 * right, Qn = 1 for odd n and 2 for even n. The sum is taken first, then mod 9 (the printed
 * formula is ambiguously parenthesised); the result is 1–9, never 0: a sum divisible by 9 gives 9.
 * @example corporateCheckDigit('000012050002') // 7 (国税庁 7000012050002)
 */
export function corporateCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new RangeError('corporateCheckDigit: the base must be 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base12[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}

/**
 * Checks a registration number as typed.
 * @example checkRegistrationNumber('T7000012050002') // { status: 'valid', number: 'T7000012050002' }
 */
export function checkRegistrationNumber(text: string): RegistrationCheck {
  const number = normalizeRegistrationNumber(text);
  if (number === undefined) return { status: 'malformed' };
  const expected = corporateCheckDigit(number.slice(2));
  return Number(number[1]) === expected ? { status: 'valid', number } : { status: 'checkDigitMismatch', number, expected };
}

export const REGISTRATION_MESSAGES = {
  malformed: {
    ja: '登録番号は「T」＋13桁の数字で入力してください（例: T7000012050002）',
    en: 'registration number must be "T" followed by 13 digits (e.g. T7000012050002)',
  },
  checkDigitMismatch: {
    ja: '法人番号の検査用数字（先頭の数字）と一致しません。個人事業者の番号なら正常の場合があります。国税庁の公表サイトで確認してください',
    en: 'the first digit is not the corporate-number check digit; a sole proprietor’s number may still be right — check it on the NTA registry',
  },
} as const;
