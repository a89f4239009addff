/**
 * Named rounding rules (端数処理). Every rounding in Urakata goes through one of these,
 * so the rule a yen amount followed can always be named in Japanese and English.
 *
 * A rule rounds an exact fraction `num / den` (BigInt, den > 0) to a whole number of `unit` yen.
 * Rules are sign-symmetric: they round the magnitude and restore the sign, so a credit note
 * (適格返還請求書) of −6,192 yen at 8% gives −495 under 切捨て just as +6,192 gives +495.
 */

export interface Rounding {
  /** Stable identifier, e.g. `employeeShareDeduction`. */
  readonly id: string;
  /** The rule as Japanese practice and law state it. */
  readonly ja: string;
  /** The rule in English. */
  readonly en: string;
  /** The multiple of yen the result is rounded to (1, 10, 100, 1000 …). */
  readonly unit: bigint;
  /** Rounds the exact value num/den to a multiple of `unit`. */
  apply(num: bigint, den: bigint): bigint;
}

/** How the fractional part (0 ≤ r < 1, as rem/div) of a magnitude decides rounding up. */
type UpWhen = (rem: bigint, div: bigint) => boolean;

function rule(id: string, ja: string, en: string, unit: bigint, upWhen: UpWhen): Rounding {
  return {
    id,
    ja,
    en,
    unit,
    apply(num: bigint, den: bigint): bigint {
      if (den <= 0n) throw new RangeError(`${id}: denominator must be positive`);
      const negative = num < 0n;
      const magnitude = negative ? -num : num;
      const div = den * unit;
      const q = magnitude / div;
      const rem = magnitude % div;
      const units = rem !== 0n && upWhen(rem, div) ? q + 1n : q;
      const rounded = units * unit;
      return negative ? -rounded : rounded;
    },
  };
}

const never: UpWhen = () => false;
const always: UpWhen = () => true;
/** r ≥ 0.5 */
const halfOrMore: UpWhen = (rem, div) => rem * 2n >= div;
/** r > 0.5 */
const moreThanHalf: UpWhen = (rem, div) => rem * 2n > div;

/** 切捨て (1円未満切捨て): drop the fraction. */
export const floor = rule('floor', '1円未満切捨て', 'round down to the yen', 1n, never);
/** 切上げ (1円未満切上げ): any fraction rounds up. */
export const ceil = rule('ceil', '1円未満切上げ', 'round up to the yen', 1n, always);
/** 四捨五入 (1円未満四捨五入): 0.5 and above rounds up. */
export const halfUp = rule('halfUp', '1円未満四捨五入', 'round half up to the yen', 1n, halfOrMore);

/**
 * 被保険者負担分を給与から控除する場合: 50銭以下切捨て、50銭を超える場合は切上げ.
 * 日本年金機構「保険料の計算方法」; 厚労省「雇用保険被保険者からの雇用保険料の控除方法」.
 * Not `Math.round`: exactly 0.50 yen rounds *down*.
 * @example employeeShareDeduction.apply(65995n, 10n) // 6599n  (6,599.5 → 6,599)
 */
export const employeeShareDeduction = rule(
  'employeeShareDeduction',
  '50銭以下切捨て・50銭超切上げ（給与から控除）',
  'deducted from pay: 0.50 yen or less down, more than 0.50 up',
  1n,
  moreThanHalf,
);

/**
 * 被保険者が現金で支払う場合: 50銭未満切捨て、50銭以上切上げ (通貨の単位及び貨幣の発行等に関する法律 §3).
 * @example cashPayment.apply(65995n, 10n) // 6600n
 */
export const cashPayment = rule(
  'cashPayment',
  '50銭未満切捨て・50銭以上切上げ（現金払い）',
  'paid in cash: under 0.50 yen down, 0.50 or more up',
  1n,
  halfOrMore,
);

/**
 * 割増賃金の端数処理 (昭和63年3月14日 基発第150号): 50銭未満切捨て・50銭以上切上げ.
 * Same arithmetic as {@link cashPayment}; a separate name because the legal source differs.
 */
export const overtimePremium = rule(
  'overtimePremium',
  '50銭未満切捨て・50銭以上切上げ（基発第150号）',
  'overtime: under 0.50 yen down, 0.50 or more up (Kihatsu No.150)',
  1n,
  halfOrMore,
);

/** 10円未満四捨五入 (電算機計算の特例 第4表). */
export const halfUpTo10 = rule('halfUpTo10', '10円未満四捨五入', 'round half up to 10 yen', 10n, halfOrMore);
/** 100円未満四捨五入. */
export const halfUpTo100 = rule('halfUpTo100', '100円未満四捨五入', 'round half up to 100 yen', 100n, halfOrMore);
/** 10円未満切捨て. */
export const floorTo10 = rule('floorTo10', '10円未満切捨て', 'round down to 10 yen', 10n, never);
/** 100円未満切捨て (e.g. 年調年税額). */
export const floorTo100 = rule('floorTo100', '100円未満切捨て', 'round down to 100 yen', 100n, never);
/** 1,000円未満切捨て (e.g. 標準賞与額, 課税給与所得金額). */
export const floorTo1000 = rule('floorTo1000', '1,000円未満切捨て', 'round down to 1,000 yen', 1000n, never);

/** Invoice consumption-tax rounding modes an issuer may choose (once per invoice per rate). */
export type InvoiceTaxMode = 'floor' | 'round' | 'ceil';

/** 消費税の端数処理 (適格請求書: 一の適格請求書につき税率ごとに1回). */
export const invoiceTax: Readonly<Record<InvoiceTaxMode, Rounding>> = {
  floor: rule('invoiceTaxFloor', '切捨て', 'round down', 1n, never),
  round: rule('invoiceTaxRound', '四捨五入', 'round half up', 1n, halfOrMore),
  ceil: rule('invoiceTaxCeil', '切上げ', 'round up', 1n, always),
};

/** Every named rule, for documentation and property tests. */
export const allRoundings: readonly Rounding[] = [
  floor,
  ceil,
  halfUp,
  employeeShareDeduction,
  cashPayment,
  overtimePremium,
  halfUpTo10,
  halfUpTo100,
  floorTo10,
  floorTo100,
  floorTo1000,
  invoiceTax.floor,
  invoiceTax.round,
  invoiceTax.ceil,
];
