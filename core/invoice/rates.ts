/**
 * Consumption-tax rates (消費税等の税率) and 源泉徴収 rates for 報酬・料金, keyed by effective date,
 * with their sources. Code selects by date and refuses a date outside what this table covers.
 */
import type { IsoDate } from '../dates/calendar.js';
import { percent, type Rate } from '../money/rate.js';

/**
 * The rates a line can carry: 10 % 標準税率, 8 % 軽減税率, and two kinds of no consumption tax kept
 * apart, because the invoice and JP PINT name them differently: `0` 非課税 (exempt, 消費税法6条・
 * 別表第二: land, interest, medical care …) and `out` 不課税 (outside the tax, no 資産の譲渡等: 立替金,
 * 印紙代・郵送料の実費精算, compensation …).
 */
export type TaxRateKey = '10' | '8' | '0' | 'out';

export const TAX_RATE_KEYS: readonly TaxRateKey[] = ['10', '8', '0', 'out'];

export interface ConsumptionTaxPeriod {
  readonly from: IsoDate;
  /** Last day in force; undefined = in force with no end date set by law. */
  readonly to: IsoDate | undefined;
  readonly rates: Readonly<Record<TaxRateKey, Rate>>;
  readonly source: string;
}

/**
 * 10 % = 国税 7.8 % + 地方消費税 2.2 %; 8 % 軽減 = 6.24 % + 1.76 % (飲食料品・新聞), since 2019-10-01.
 * A future rate change becomes a new row; nothing is extrapolated.
 */
export const CONSUMPTION_TAX_PERIODS: readonly ConsumptionTaxPeriod[] = [
  {
    from: '2019-10-01',
    to: undefined,
    rates: { '10': percent('10'), '8': percent('8'), '0': percent('0'), out: percent('0') },
    source:
      '消費税法29条・地方税法72条の83（標準税率 7.8%＋2.2%）、所得税法等の一部を改正する法律（平成28年法律第15号）附則34条（軽減税率 6.24%＋1.76%）',
  },
];

/**
 * 適格請求書等保存方式 (インボイス制度) starts on 2023-10-01 (所得税法等の一部を改正する法律
 * 平成28年法律第15号 附則1条). A qualified invoice dated earlier does not exist.
 */
export const QUALIFIED_INVOICE_START: IsoDate = '2023-10-01';

export interface WithholdingPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Rate up to and including `threshold` of one payment. */
  readonly rate: Rate;
  /** Rate on the part above `threshold`. */
  readonly rateAbove: Rate;
  readonly threshold: number;
  readonly source: string;
}

/**
 * 報酬・料金等の源泉徴収 (所得税法204条1項・205条1号): 10 % (20 % over 1,000,000 yen of one payment),
 * times 102.1 % for 復興特別所得税 (東日本大震災からの復興のための施策を実施するために必要な財源の確保に
 * 関する特別措置法 28条, 2013-01-01 to 2037-12-31): 10.21 % and 20.42 %.
 */
export const WITHHOLDING_PERIODS: readonly WithholdingPeriod[] = [
  {
    from: '2013-01-01',
    to: '2037-12-31',
    rate: percent('10.21'),
    rateAbove: percent('20.42'),
    threshold: 1_000_000,
    source: '所得税法204条1項・205条1号、復興財源確保法28条（復興特別所得税 2.1%、2013〜2037年）; 国税庁タックスアンサー No.2795',
  },
];

/**
 * The consumption-tax rates in force on `date`, or undefined when the table does not cover it.
 * @example consumptionTaxOn('2026-05-31')?.rates['8'] // { num: 2, den: 25 } (8 %)
 */
export function consumptionTaxOn(date: IsoDate): ConsumptionTaxPeriod | undefined {
  return CONSUMPTION_TAX_PERIODS.find((p) => p.from <= date && (p.to === undefined || date <= p.to));
}

/**
 * The 源泉徴収 rates in force on `date` (the payment date), or undefined outside the table.
 * @example withholdingOn('2026-06-30')?.threshold // 1000000
 */
export function withholdingOn(date: IsoDate): WithholdingPeriod | undefined {
  return WITHHOLDING_PERIODS.find((p) => p.from <= date && date <= p.to);
}
