/**
 * 源泉所得税 (income-tax withholding) on salary and bonus: 月額表, 電算機計算の特例 and 賞与の算出率の表,
 * selected by pay date. Tables are data in `data/`, each with its source; see `years.ts` for the
 * years known.
 */
export type { BonusWithholdingInput } from './bonus.js';
export { bonusWithholding } from './bonus.js';
export type { MonthlyWithholdingInput } from './monthly.js';
export { monthlyWithholding } from './monthly.js';
export type { Confidence, TableSource, TaxColumn, WithholdingMethod, WithholdingVersion } from './types.js';
export type { KnownWithholdingYear } from './years.js';
export { knownWithholdingYears, WITHHOLDING_VERSIONS, withholdingVersionFor } from './years.js';
