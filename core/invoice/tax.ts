/**
 * Consumption tax on a qualified invoice: 一の適格請求書につき、税率ごとに1回の端数処理
 * (消費税法施行令70条の10, インボイス通達3-12). Lines are summed per rate first and the tax is
 * rounded once per rate with the issuer's mode (切捨て・四捨五入・切上げ are all allowed).
 * Rounding each line's tax and adding those up is expressly not allowed (NTA Q&A 問「端数処理」注).
 */
import { floor, type InvoiceTaxMode, invoiceTax, type Rounding } from '../money/rounding.js';
import { applyRate, type Rate } from '../money/rate.js';
import { assertYen, type Yen } from '../money/yen.js';
import type { WithholdingPeriod } from './rates.js';
import { TAX_RATE_KEYS, type TaxRateKey } from './rates.js';

/** Whether unit prices include consumption tax (内税) or not (外税). */
export type PriceBasis = 'exclusive' | 'inclusive';

/**
 * 単価 × 数量 with a decimal quantity (1.5 h, 2.25 kg) is rarely whole yen; the line amount is
 * rounded down to the yen (1円未満切捨て). Line amounts are not regulated by the invoice rules —
 * only the tax is — so one fixed, named rule keeps every invoice explainable.
 */
export const lineAmountRounding: Rounding = floor;

/**
 * 金額 = 単価 × 数量, rounded by {@link lineAmountRounding}.
 * @example lineAmount(1200, { num: 3, den: 2 }) // 1800 (1.5 × 1,200)
 */
export function lineAmount(unitPrice: Yen, quantity: Rate): Yen {
  return applyRate(unitPrice, quantity, lineAmountRounding);
}

export interface RateLine {
  readonly amount: Yen;
  readonly rate: TaxRateKey;
}

export interface RateTotal {
  readonly rate: TaxRateKey;
  /** 税抜の対象金額 (sum of the lines at this rate, tax excluded). */
  readonly base: Yen;
  /** 消費税額等, rounded once for this rate. */
  readonly tax: Yen;
  /** 税込 = base + tax. */
  readonly gross: Yen;
}

/**
 * Totals per rate, in the order 10 %, 8 %, 0 %, only for rates that have lines.
 * Exclusive prices: tax = round(Σ amounts × r). Inclusive prices: the amounts are 税込, the tax is
 * backed out once per rate, tax = round(Σ gross × r / (1 + r)), and base = gross − tax.
 * @example totalsByRate([{ amount: 6192, rate: '8' }], 'floor', 'exclusive') // [{ rate: '8', base: 6192, tax: 495, gross: 6687 }]
 */
export function totalsByRate(
  lines: readonly RateLine[],
  mode: InvoiceTaxMode,
  prices: PriceBasis,
  rates: Readonly<Record<TaxRateKey, Rate>>,
): RateTotal[] {
  const sums = new Map<TaxRateKey, Yen>();
  for (const line of lines) {
    assertYen(line.amount, 'totalsByRate');
    sums.set(line.rate, (sums.get(line.rate) ?? 0) + line.amount);
  }
  const rounding = invoiceTax[mode];
  const out: RateTotal[] = [];
  for (const key of TAX_RATE_KEYS) {
    const sum = sums.get(key);
    if (sum === undefined) continue;
    assertYen(sum, 'totalsByRate');
    const r = rates[key];
    if (prices === 'exclusive') {
      const tax = applyRate(sum, r, rounding);
      out.push({ rate: key, base: sum, tax, gross: sum + tax });
    } else {
      // r / (1 + r) as one exact fraction: num / (den + num).
      const tax = applyRate(sum, { num: r.num, den: r.den + r.num }, rounding);
      out.push({ rate: key, base: sum - tax, tax, gross: sum });
    }
  }
  return out;
}

/**
 * 源泉徴収税額 on 報酬・料金 of one payment: base × 10.21 %, and 20.42 % on the part above
 * 1,000,000 yen, i.e. (base − 1,000,000) × 20.42 % + 102,100; 1円未満切捨て. A credit (negative
 * base) is treated symmetrically.
 * @example withholdingTax(1_100_000, WITHHOLDING_PERIODS[0]) // 122520 (102,100 + 100,000 × 20.42 %)
 */
export function withholdingTax(base: Yen, period: WithholdingPeriod): Yen {
  assertYen(base, 'withholdingTax');
  const magnitude = Math.abs(base);
  let tax: Yen;
  if (magnitude <= period.threshold) {
    tax = applyRate(magnitude, period.rate, floor);
  } else {
    // One exact fraction, rounded once: threshold × rate + excess × rateAbove.
    const { rate: r, rateAbove: a } = period;
    const num =
      BigInt(period.threshold) * BigInt(r.num) * BigInt(a.den) + BigInt(magnitude - period.threshold) * BigInt(a.num) * BigInt(r.den);
    tax = Number(floor.apply(num, BigInt(r.den) * BigInt(a.den)));
  }
  return base < 0 && tax !== 0 ? -tax : tax;
}
