/**
 * 電算機計算の特例 (月額表の甲欄を適用する給与等に対する源泉徴収税額の電算機計算の特例,
 * 平成24年財務省告示第116号): the formula that payroll software may use instead of the table.
 * It works on the actual A where the table works on the row midpoint, so the two legitimately
 * differ by some tens of yen; the difference is settled at 年末調整. Pick one per employer.
 */
import { applyRate, divideYen } from '../../money/rate.js';
import { ceil, halfUpTo10 } from '../../money/rounding.js';
import type { Yen } from '../../money/yen.js';
import type { ComputerParameters, DeductionBand, FixedBand, TaxBand } from './types.js';

function band<T extends { readonly upTo: Yen | null }>(bands: readonly T[], value: Yen): T {
  for (const b of bands) if (b.upTo === null || value <= b.upTo) return b;
  throw new RangeError('withholding parameters: the last band must be open-ended');
}

/** 別表第一 給与所得控除の額: ⌈A × rate⌉ + add (1円未満切上げ; add is an integer, so ceil once). */
export function employmentIncomeDeduction(p: ComputerParameters, taxable: Yen): Yen {
  const b: DeductionBand = band(p.employmentIncomeDeduction, taxable);
  return applyRate(taxable, b.rate, ceil) + b.add;
}

/** 別表第三 基礎控除の額. */
export function basicDeduction(p: ComputerParameters, taxable: Yen): Yen {
  const b: FixedBand = band(p.basicDeduction, taxable);
  return b.amount;
}

/**
 * 甲欄 tax by the computer method: B = A − 給与所得控除 − 31,667 × 人数 − 基礎控除 (課税給与所得金額);
 * tax = 別表第四(B), 10円未満四捨五入; 0 when B ≤ 0. More than 7 dependants simply keep subtracting.
 * @example taxByComputerMethod(computerR8, 175_000, 2) // 210 (B = 4,165; 4,165 × 5.105 % = 212.6)
 */
export function taxByComputerMethod(p: ComputerParameters, taxable: Yen, dependents: number): Yen {
  const b = taxable - employmentIncomeDeduction(p, taxable) - p.perDependant * dependents - basicDeduction(p, taxable);
  if (b <= 0) return 0;
  const t: TaxBand = band(p.taxBands, b);
  const num = BigInt(b) * BigInt(t.rate.num) - BigInt(t.subtract) * BigInt(t.rate.den);
  return divideYen(num, t.rate.den, halfUpTo10);
}
