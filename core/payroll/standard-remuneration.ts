/**
 * 標準報酬月額 (standard monthly remuneration): social insurance is charged on a grade, not on the
 * pay itself. 報酬 counts every regular payment, 通勤手当 included (健康保険法§3⑤).
 */
import { argumentError } from '../errors.js';
import type { Yen } from '../money/yen.js';
import { type Grade, HEALTH_GRADES, PENSION_GRADES } from './rates/social.js';

export type InsuranceKind = 'health' | 'pension';

function gradeOf(grades: readonly Grade[], remuneration: Yen): Grade {
  let found = grades[0];
  for (const g of grades) if (remuneration >= g.from) found = g;
  if (!found) throw new Error('grade table is empty');
  return found;
}

/**
 * The grade for a 報酬月額.
 * @example standardMonthly(300_000, 'health') // 300,000 (第22級: 290,000以上310,000未満)
 */
export function standardMonthly(remuneration: Yen, kind: InsuranceKind = 'health'): Yen {
  if (!Number.isSafeInteger(remuneration) || remuneration < 0) {
    throw argumentError(
      'remuneration',
      remuneration,
      '報酬月額は0以上の整数の円で指定してください',
      'remuneration must be whole yen, 0 or more',
    );
  }
  return gradeOf(kind === 'health' ? HEALTH_GRADES : PENSION_GRADES, remuneration).standard;
}

/** The grade number (等級) for a 報酬月額. @example standardGrade(300_000, 'pension') // 19 */
export function standardGrade(remuneration: Yen, kind: InsuranceKind = 'health'): number {
  return gradeOf(kind === 'health' ? HEALTH_GRADES : PENSION_GRADES, remuneration).grade;
}

/** Whether an amount is one of the 健康保険 標準報酬月額 (a value a user may give directly). */
export function isHealthStandard(amount: Yen): boolean {
  return HEALTH_GRADES.some((g) => g.standard === amount);
}

/**
 * The 厚生年金 standard for a given 健康保険 standard: the same grade, clamped to 88,000–650,000
 * because the pension scale is the health scale's grades 4–35.
 * @example pensionStandardFromHealth(1_390_000) // 650,000
 */
export function pensionStandardFromHealth(healthStandard: Yen): Yen {
  return standardMonthly(healthStandard, 'pension');
}
