/**
 * A small 年末調整 run from CSV text, shared by the slip, ledger and report tests:
 * E001 is the NTA worked example (年末調整のしかた pp.57–59), E002 is 乙欄 (not adjusted),
 * E003 is a minor who joined mid-year with a previous employer's pay.
 */
import { toCsvText } from '../../../../core/csv/write.js';
import { runYearEnd, type YearEndRunResult } from '../../../../core/payroll/year-end/index.js';

export const EMPLOYEES = {
  file: 'employees.csv',
  data: toCsvText([
    [
      'employee_id',
      'name',
      'name_kana',
      'birth_date',
      'prefecture',
      'monthly_salary',
      'dependents',
      'tax_column',
      'address',
      'municipality',
    ],
    ['E001', '山田 太郎', 'ヤマダ タロウ', '1978-04-12', '東京都', 500_000, 5, '甲', '東京都千代田区霞が関3-1-1', '千代田区'],
    ['E002', '佐藤 花子', '', '1990-11-03', '東京都', 100_000, 0, '乙', '神奈川県横浜市中区本町1-1', '横浜市'],
    ['E003', '鈴木 一郎', '', '2009-03-01', '神奈川県', 200_000, 0, '甲', '', ''],
  ]),
};

export const DECLARATIONS = {
  file: 'declarations.csv',
  data: toCsvText([
    [
      'employee_id',
      'spouse_income',
      'dependants_specified',
      'dependants_elderly_cohabiting',
      'dependants_general',
      'disabled_general',
      'specified_relative_incomes',
      'life_new_general',
      'life_care_medical',
      'life_new_pension',
      'earthquake',
      'housing_loan_credit',
      'prev_pay',
      'prev_withheld_tax',
      'prev_social_insurance',
    ],
    ['E001', 0, 1, 1, 1, 1, 1_000_000, 150_000, 100_000, 100_000, 60_000, 76_500, 0, 0, 0],
    ['E003', '', 0, 0, 0, 0, '', 0, 0, 0, 0, 0, 600_000, 12_000, 90_000],
  ]),
};

export const TOTALS = {
  file: 'totals.csv',
  data: toCsvText([
    ['employee_id', 'total_pay', 'withheld_tax', 'social_insurance'],
    ['E001', 8_970_000, 156_670, 1_386_102],
    ['E002', 1_200_000, 36_000, 170_000],
    ['E003', 1_400_000, 20_000, 200_000],
  ]),
};

/** The run over the totals file; fails the test on any problem. */
export function sampleRun(): YearEndRunResult {
  const run = runYearEnd(2026, EMPLOYEES, DECLARATIONS, { totals: TOTALS });
  if (run.problems.length > 0) throw new Error(JSON.stringify(run.problems));
  return run;
}

/** One employee of the sample run. */
export function sampleEmployee(id: string) {
  const e = sampleRun().results.find((r) => r.employee.employee_id === id);
  if (!e) throw new Error(`no ${id} in the sample run`);
  return e;
}
