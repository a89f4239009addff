/**
 * Picks the table that applies to a month or date, and refuses any month or date outside the
 * tables Urakata knows: a premium computed with another year's rate would be silently wrong.
 */
import { InputError, problem } from '../../errors.js';
import type { Rate } from '../../money/rate.js';
import { EMPLOYMENT_TABLES, type EmploymentRateTable } from './employment.js';
import { KYOUKAI_TABLES, type KyoukaiRateTable } from './kyoukai.js';
import type { RateWindow } from './social.js';

/** YYYY-MM, the key of an insurance month (保険料の月). */
export type InsuranceMonth = string;

/**
 * An InputError for a date or month no table covers, naming what is known.
 * @example outOfTables('insurance_month', '2024-05', '健康保険料率', 'health-insurance rates', '2025-03', '2027-02')
 */
export function outOfTables(argument: string, value: string, what_ja: string, what_en: string, from: string, to: string): InputError {
  return new InputError([
    problem(
      '',
      0,
      argument,
      value,
      `${what_ja}は${from}〜${to}の分しか登録されていません（${value}は計算できません）`,
      `${what_en} are known only for ${from} to ${to}; ${value} cannot be computed`,
    ),
  ]);
}

/**
 * The 協会けんぽ table for an insurance month.
 * @example kyoukaiTableFor('2026-04').name // '令和8年度'
 */
export function kyoukaiTableFor(month: InsuranceMonth): KyoukaiRateTable {
  const table = KYOUKAI_TABLES.find((t) => t.from <= month && month <= t.to);
  const first = KYOUKAI_TABLES[0];
  const last = KYOUKAI_TABLES[KYOUKAI_TABLES.length - 1];
  if (!table || !first || !last) {
    throw outOfTables(
      'insurance_month',
      month,
      '協会けんぽの健康保険料率（保険料の月）',
      'health-insurance rates (insurance month)',
      first?.from ?? '',
      last?.to ?? '',
    );
  }
  return table;
}

/**
 * The rate of a windowed table (厚生年金, 拠出金, 支援金) for an insurance month.
 * @example rateFor(PENSION_RATES, '2026-04', '厚生年金保険料率', 'pension rate') // 18.3 %
 */
export function rateFor(windows: readonly RateWindow[], month: InsuranceMonth, what_ja: string, what_en: string): Rate {
  const w = windows.find((x) => x.from <= month && month <= x.to);
  if (!w) {
    throw outOfTables('insurance_month', month, what_ja, what_en, windows[0]?.from ?? '', windows[windows.length - 1]?.to ?? '');
  }
  return w.rate;
}

/**
 * The 雇用保険 table for a wage closing date (賃金締切日).
 * @example employmentTableFor('2026-03-31').name // '令和7年度'
 */
export function employmentTableFor(closingDate: string): EmploymentRateTable {
  const table = EMPLOYMENT_TABLES.find((t) => t.from <= closingDate && closingDate <= t.to);
  if (!table) {
    throw outOfTables(
      'closing_date',
      closingDate,
      '雇用保険料率（賃金締切日）',
      'employment-insurance rates (wage closing date)',
      EMPLOYMENT_TABLES[0]?.from ?? '',
      EMPLOYMENT_TABLES[EMPLOYMENT_TABLES.length - 1]?.to ?? '',
    );
  }
  return table;
}
