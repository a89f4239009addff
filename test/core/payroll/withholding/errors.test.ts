import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../core/errors.js';
import { knownWithholdingYears, monthlyWithholding } from '../../../../core/payroll/withholding/index.js';
import type { MonthlyWithholdingInput } from '../../../../core/payroll/withholding/index.js';

const base: MonthlyWithholdingInput = { taxable: 300_000, dependents: 0, column: 'kou', payDate: '2026-05-25', method: 'table' };

/** The argument an InputError names, and its Japanese message. */
function rejection(input: Partial<MonthlyWithholdingInput>): { column: string; ja: string } {
  try {
    monthlyWithholding({ ...base, ...input });
  } catch (e) {
    if (e instanceof InputError) return { column: e.problems[0]?.column ?? '', ja: e.problems[0]?.message_ja ?? '' };
    throw e;
  }
  throw new Error('accepted');
}

describe('monthlyWithholding rejects bad input, naming the argument (ja + en)', () => {
  it('negative pay', () => {
    expect(rejection({ taxable: -1 })).toEqual({ column: 'taxable', ja: '金額が負の値です（0円以上で指定してください）' });
  });
  it('fractional yen', () => {
    expect(rejection({ taxable: 1000.5 }).column).toBe('taxable');
  });
  it('乙 with dependants', () => {
    expect(rejection({ column: 'otsu', dependents: 1 })).toEqual({
      column: 'dependents',
      ja: '乙欄では扶養親族等の数は0にしてください（扶養控除等申告書の提出がない給与）',
    });
  });
  it('negative or fractional dependants', () => {
    expect(rejection({ dependents: -1 }).column).toBe('dependents');
    expect(rejection({ dependents: 1.5 }).column).toBe('dependents');
  });
  it('an unknown column or method', () => {
    expect(rejection({ column: 'hei' as 'kou' }).column).toBe('column');
    expect(rejection({ method: 'guess' as 'table' }).column).toBe('method');
  });
  it('a pay date that is not a date', () => {
    expect(rejection({ payDate: '2026-02-30' })).toEqual({ column: 'pay_date', ja: '支払日を日付で指定してください（例: 2026-05-25）' });
  });
  it('a pay date before 2020', () => {
    expect(rejection({ payDate: '2019-12-25', method: 'computer' })).toEqual({
      column: 'pay_date',
      ja: '2019年分の源泉徴収税額表は未収録です（収録: 2020〜2027年分）',
    });
  });
});

describe('knownWithholdingYears', () => {
  it('lists 2020–2027: computer method throughout, 月額表 and 算出率の表 for 2026 and 2027 only', () => {
    const years = knownWithholdingYears();
    expect(years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect(years.filter((y) => y.table).map((y) => y.year)).toEqual([2026, 2027]);
    expect(years.filter((y) => y.bonus).map((y) => y.year)).toEqual([2026, 2027]);
    expect(years.every((y) => y.computer)).toBe(true);
  });
  it('names the source of each year, and flags the single-sourced 令和9年分 算出率の表', () => {
    const y2027 = knownWithholdingYears().find((y) => y.year === 2027);
    expect(y2027?.source).toContain('zeigakuhyo2027');
    expect(y2027?.source).toContain('[single source]');
  });
});
