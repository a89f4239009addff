import { describe, expect, it } from 'vitest';
import { isError } from '../../../../core/errors.js';
import {
  MUNICIPALITY_SUMMARY_COLUMNS,
  municipalitySummary,
  PAYROLL_REPORT_COLUMN_LABELS,
  PAYROLL_REPORT_COLUMNS,
  payrollReportTable,
  withholdingItems,
} from '../../../../core/payroll/year-end/report.js';
import { toCsvText } from '../../../../core/csv/write.js';
import { runYearEnd, type YearEndEmployee } from '../../../../core/payroll/year-end/index.js';
import { PAYROLL_COLUMNS } from '../../../../core/payroll/output.js';
import { DECLARATIONS, EMPLOYEES, sampleEmployee, sampleRun, TOTALS } from './sample-run.js';

const payer = { name: '株式会社ウラカタ', address: '東京都港区芝公園4-2-8', phone: '03-1234-5678' };

describe('給与支払報告書（個人別明細書）', () => {
  const table = payrollReportTable(sampleRun(), payer);
  const row = (id: string) => {
    const r = table.find((x) => x[PAYROLL_REPORT_COLUMNS.indexOf('employee_id')] === id) ?? [];
    return Object.fromEntries(PAYROLL_REPORT_COLUMNS.map((c, i) => [c, r[i]]));
  };

  it('has a header of documented columns and one row per employee', () => {
    expect(table[0]).toEqual([...PAYROLL_REPORT_COLUMNS]);
    for (const c of PAYROLL_REPORT_COLUMNS) expect(PAYROLL_REPORT_COLUMN_LABELS[c]).toBeTruthy();
    expect(table).toHaveLength(4);
    expect(table.every((r) => r.length === PAYROLL_REPORT_COLUMNS.length)).toBe(true);
  });

  it('gives the worked example the figures of its 源泉徴収票', () => {
    expect(row('E001')).toMatchObject({
      municipality: '千代田区',
      address: '東京都千代田区霞が関3-1-1',
      name: '山田 太郎',
      birth_date: '1978-04-12',
      birth_date_wareki: '昭和53年4月12日',
      total_pay: 8_970_000,
      employment_income: 6_973_000,
      total_deductions: 4_826_102,
      withholding_tax: 41_400,
      spouse_deductible: 'yes',
      spouse_elderly: 'no',
      spouse_deduction: 380_000,
      dependants_specified: 1,
      dependants_elderly: 1,
      dependants_elderly_cohabiting: 1,
      dependants_general: 1,
      specified_relatives: 1,
      disabled_general: 1,
      disabled_special: 0,
      social_insurance: 1_386_102,
      life_insurance_deduction: 120_000,
      earthquake_insurance_deduction: 50_000,
      housing_loan_credit: 76_500,
      housing_loan_available: '',
      life_new_general: 150_000,
      life_care_medical: 100_000,
      life_new_pension: 100_000,
      spouse_income: 0,
      basic_deduction: 620_000,
      income_adjustment: 47_000,
      specified_relative_deduction: 410_000,
      minor: 'no',
      otsu: 'no',
      note: '',
      not_adjusted: 'no',
      payer_name: '株式会社ウラカタ',
      payer_phone: '03-1234-5678',
    });
  });

  it('leaves all but 支払金額 and 源泉徴収税額 blank for an employee not adjusted, with 年調未済 and why', () => {
    const r = row('E002');
    expect(r).toMatchObject({ total_pay: 1_200_000, withholding_tax: 36_000, otsu: 'yes', not_adjusted: 'yes', minor: 'no' });
    expect(r.note).toContain('年調未済');
    expect(r.note).toContain('乙欄');
    for (const c of ['employment_income', 'total_deductions', 'social_insurance', 'basic_deduction', 'dependants_general', 'widow']) {
      expect(r[c], c).toBe('');
    }
  });

  it('notes 前職分 and a minor, and leaves municipality and address empty when not given', () => {
    expect(row('E003')).toMatchObject({ municipality: '', address: '', minor: 'yes', total_pay: 2_000_000 });
    expect(row('E003').note).toBe('前職分 支払金額 600,000円 源泉徴収税額 12,000円 社会保険料 90,000円');
  });

  it('carries no 前職分 on the slip of an employee not adjusted: the previous employer’s pay was not added', () => {
    const e = sampleEmployee('E002');
    const withPrevious = {
      ...e,
      declaration: { ...e.declaration, prevPay: 600_000, prevWithheldTax: 12_000, prevSocialInsurance: 90_000 },
    };
    const items = withholdingItems(withPrevious, 2026);
    expect(items.totalPay).toBe(1_200_000);
    expect(items.notes.join('')).toContain('年調未済');
    expect(items.notes.join('')).not.toContain('前職分');
  });

  it('is the same data the slip prints', () => {
    const items = withholdingItems(sampleEmployee('E001'), 2026);
    expect(row('E001').employment_income).toBe(items.employmentIncome);
    expect(row('E001').withholding_tax).toBe(items.tax);
  });
});

describe('総括表 summary by municipality', () => {
  it('counts the employees and sums 支払金額 and 源泉徴収税額 per municipality, unset last, then the total', () => {
    const run = sampleRun();
    const summary = municipalitySummary(run);
    expect(summary).toEqual([
      [...MUNICIPALITY_SUMMARY_COLUMNS],
      ['千代田区', 1, 8_970_000, 41_400],
      ['横浜市', 1, 1_200_000, 36_000],
      ['(未設定)', 1, 2_000_000, 0],
      ['合計', 3, 12_170_000, 77_400],
    ]);
  });

  it('groups employees of one municipality together', () => {
    const run = sampleRun();
    const same = { ...run, results: run.results.map((e) => ({ ...e, employee: { ...e.employee, municipality: '千代田区' } })) };
    expect(municipalitySummary(same).slice(1)).toEqual([
      ['千代田区', 3, 12_170_000, 77_400],
      ['合計', 3, 12_170_000, 77_400],
    ]);
  });
});

describe('the employee’s own status on the slip and the report', () => {
  /** One employee E001 (甲欄) with the given declaration cells, 12 months of pay given as totals. */
  const run = (columns: string[], cells: (string | number)[], totalPay: number) =>
    runYearEnd(
      2026,
      { file: 'employees.csv', data: EMPLOYEES.data.split('\r\n').slice(0, 2).join('\r\n') },
      {
        file: 'declarations.csv',
        data: toCsvText([
          ['employee_id', ...columns],
          ['E001', ...cells],
        ]),
      },
      {
        totals: {
          file: 'totals.csv',
          data: toCsvText([
            ['employee_id', 'total_pay', 'withheld_tax', 'social_insurance'],
            ['E001', totalPay, 100_000, 0],
          ]),
        },
      },
    );
  const reportRow = (r: ReturnType<typeof run>) => {
    const table = payrollReportTable(r, payer);
    const at = table[0]?.indexOf('employee_id') ?? -1;
    const found = table.find((x) => x[at] === 'E001') ?? [];
    return Object.fromEntries(PAYROLL_REPORT_COLUMNS.map((c, i) => [c, found[i]]));
  };

  // 8,000,000 of pay: ⑨ 8,000,000 × 90 % − 1,100,000 = 6,100,000, over the 5,000,000 limit of
  // 寡婦・ひとり親控除; 2,000,000: ⑨ 1,260,000 (給与所得控除後の表), over 勤労学生's 890,000.
  it.each([
    ['single_parent', 8_000_000],
    ['widow', 8_000_000],
    ['working_student', 2_000_000],
  ])('leaves %s unmarked when the income refused the deduction', (column, pay) => {
    const r = run([column], ['yes'], pay);
    expect(r.problems).toEqual([]);
    expect(reportRow(r)[column]).toBe('no');
    expect(withholdingItems(r.results[0] as YearEndEmployee, 2026)).toMatchObject({
      widow: false,
      singleParent: false,
      workingStudent: false,
    });
  });

  it.each([
    ['single_parent', 4_000_000],
    ['widow', 4_000_000],
    ['working_student', 1_000_000],
  ])('marks %s when it was deducted', (column, pay) => {
    expect(reportRow(run([column], ['yes'], pay))[column]).toBe('yes');
  });

  it('marks the employee as 障害者（その他） and counts only the others among 障害者 (self_disabled)', () => {
    const alone = reportRow(run(['disabled_general', 'self_disabled'], [1, 'yes'], 4_000_000));
    expect(alone).toMatchObject({ disabled_general: 0, self_disabled: 'yes', self_special_disabled: 'no' });
    const withChild = reportRow(run(['disabled_general', 'self_disabled'], [2, 'yes'], 4_000_000));
    expect(withChild).toMatchObject({ disabled_general: 1, self_disabled: 'yes' });
    // The deduction is the same: 270,000 a person, the employee included.
    const r = run(['disabled_general', 'self_disabled'], [1, 'yes'], 4_000_000);
    const e = r.results[0] as YearEndEmployee;
    expect(e.result.status === 'adjusted' && e.result.dependants).toBe(270_000);
  });

  it('refuses self_disabled when the employee is not counted in disabled_general, or is a 特別障害者 too', () => {
    const missing = run(['self_disabled'], ['yes'], 4_000_000);
    expect(missing.problems.map((p) => [p.row, p.column])).toEqual([[2, 'disabled_general']]);
    const both = run(['disabled_general', 'disabled_special', 'self_disabled', 'self_special_disabled'], [1, 1, 'yes', 'yes'], 4_000_000);
    expect(both.problems.map((p) => [p.row, p.column])).toEqual([[2, 'self_disabled']]);
  });
});

describe('an employee who left during the year (中途退職, left_on in the employees file)', () => {
  const employees = (leftOn: string) => ({
    file: 'employees.csv',
    data: `${EMPLOYEES.data.split('\r\n')[0]},left_on\r\n${EMPLOYEES.data.split('\r\n')[1]},${leftOn}\r\n`,
  });
  const totals = {
    file: 'totals.csv',
    data: toCsvText([
      ['employee_id', 'total_pay', 'withheld_tax', 'social_insurance'],
      ['E001', 4_000_000, 80_000, 560_000],
    ]),
  };
  const decl = { file: 'declarations.csv', data: toCsvText([['employee_id'], ['E001']]) };

  it('is not adjusted: the slip gives this employer’s pay and tax, 年調未済 with the day they left', () => {
    // 年末調整 is for those employed on the adjustment day; a leaver's 源泉徴収票 states what was paid and withheld.
    const r = runYearEnd(2026, employees('2026-09-30'), decl, { totals });
    expect(r.problems).toEqual([]);
    const e = r.results[0] as YearEndEmployee;
    expect(e.result.status).toBe('not_eligible');
    const items = withholdingItems(e, 2026);
    expect([items.adjusted, items.totalPay, items.tax]).toEqual([false, 4_000_000, 80_000]);
    expect(items.notes.join()).toContain('中途退職（2026年9月30日）');
  });

  it('needs no declaration row from a leaver: not adjusted, they get their 年調未済 slip (a missing row had stopped the run for everyone)', () => {
    const none = { file: 'declarations.csv', data: toCsvText([['employee_id']]) };
    const r = runYearEnd(2026, employees('2026-06-30'), none, { totals });
    expect(r.problems.filter(isError)).toEqual([]);
    const e = r.results[0] as YearEndEmployee;
    expect([e.employee.employee_id, e.result.status]).toEqual(['E001', 'not_eligible']);
    expect(withholdingItems(e, 2026).notes.join()).toContain('中途退職（2026年6月30日）');
    expect(withholdingItems(e, 2026).leftOn).toBe('2026-06-30');
    expect(withholdingItems({ ...e, employee: { ...e.employee, joined_on: '2026-02-01' } }, 2026).joinedOn).toBe('2026-02-01');
    // Read from the employees file under its Japanese header, and written in the report.
    const joined = {
      file: 'employees.csv',
      data: `${EMPLOYEES.data.split('\r\n')[0]},入社日\r\n${EMPLOYEES.data.split('\r\n')[1]},2026/2/1\r\n`,
    };
    const j = runYearEnd(2026, joined, decl, { totals });
    expect(j.problems.filter(isError)).toEqual([]);
    expect(payrollReportTable(j)[1]?.[PAYROLL_REPORT_COLUMNS.indexOf('joined_on')]).toBe('2026-02-01');
    const report = payrollReportTable(r);
    expect(report[1]?.[PAYROLL_REPORT_COLUMNS.indexOf('left_on')]).toBe('2026-06-30');
    // A December leaver may still be adjusted: their declaration row is still asked for.
    expect(runYearEnd(2026, employees('2026-12-28'), none, { totals }).problems.map((p) => p.column)).toContain('employee_id');
  });

  it('a December leaver is adjusted only after a pay of December (12月中に支給期の到来する給与の支払を受けた後に退職)', () => {
    // The year's pays by date, as the payroll outputs give them: paid 11-25, left 12-10, nothing paid in December.
    const header = [...PAYROLL_COLUMNS];
    const pay = (date: string) =>
      header.map((c) =>
        c === 'employee_id'
          ? 'E001'
          : c === 'name'
            ? '山田 太郎'
            : c === 'pay_date'
              ? date
              : c === 'pay_kind'
                ? 'salary'
                : c === 'gross_pay'
                  ? 400_000
                  : c === 'income_tax'
                    ? 10_000
                    : 0,
      );
    const payroll = (...dates: string[]) => [{ file: 'payroll-2026.csv', data: toCsvText([header, ...dates.map(pay)]) }];
    const before = runYearEnd(2026, employees('2026-12-10'), decl, { payroll: payroll('2026-10-25', '2026-11-25') });
    const e = before.results[0] as YearEndEmployee;
    expect(e.result.status).toBe('not_eligible');
    expect(withholdingItems(e, 2026).notes.join()).toContain('12月の給与の支払を受ける前に退職（2026年12月10日）');
    // Paid on 12-10 and left that day, or paid 12-05 and left 12-28: adjusted.
    const on = runYearEnd(2026, employees('2026-12-10'), decl, { payroll: payroll('2026-11-25', '2026-12-10') });
    expect((on.results[0] as YearEndEmployee).result.status).toBe('adjusted');
    // Left 12-10, December's pay on 12-25 after leaving: not adjusted.
    const after = runYearEnd(2026, employees('2026-12-10'), decl, { payroll: payroll('2026-11-25', '2026-12-25') });
    expect((after.results[0] as YearEndEmployee).result.status).toBe('not_eligible');
    // From a totals file the pay dates are not known: a December leaver is adjusted, as before.
    expect((runYearEnd(2026, employees('2026-12-10'), decl, { totals }).results[0] as YearEndEmployee).result.status).toBe('adjusted');
  });

  it('is adjusted when they left in December (after the year’s last pay), and an empty left_on is no leaver', () => {
    expect((runYearEnd(2026, employees('2026-12-28'), decl, { totals }).results[0] as YearEndEmployee).result.status).toBe('adjusted');
    expect((runYearEnd(2026, employees(''), decl, { totals }).results[0] as YearEndEmployee).result.status).toBe('adjusted');
  });
});

describe('the names of the spouse and dependants (declarations: spouse_name, dependant_names, under_16_names and their フリガナ)', () => {
  /** The sample declarations with these columns added, E001's filled (row 2), the others' empty. */
  const declarations = (extra: Record<string, string>) => {
    const [header = [], ...rows] = DECLARATIONS.data
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const values = Object.values(extra);
    return {
      file: 'declarations.csv',
      data: toCsvText([[...header, ...Object.keys(extra)], ...rows.map((r) => [...r, ...values.map((v) => (r[0] === 'E001' ? v : ''))])]),
    };
  };
  const named = {
    spouse_name: '山田 花子',
    spouse_kana: 'ヤマダ ハナコ',
    dependant_names: '山田 一郎; 山田 ハル; 山田 次郎',
    dependant_kanas: 'ヤマダ イチロウ；ヤマダ ハル；ヤマダ ジロウ',
  };

  it('carries them to the 源泉徴収票 items and the 給与支払報告書, in the order declared', () => {
    const r = runYearEnd(2026, EMPLOYEES, declarations(named), { totals: TOTALS });
    expect(r.problems.filter(isError)).toEqual([]);
    const e = r.results.find((x) => x.employee.employee_id === 'E001') as YearEndEmployee;
    const items = withholdingItems(e, 2026);
    expect(items.spouse).toEqual({ name: '山田 花子', kana: 'ヤマダ ハナコ' });
    expect(items.dependants).toEqual([
      { name: '山田 一郎', kana: 'ヤマダ イチロウ' },
      { name: '山田 ハル', kana: 'ヤマダ ハル' },
      { name: '山田 次郎', kana: 'ヤマダ ジロウ' },
    ]);
    const table = payrollReportTable(r);
    const row = table.find((x) => x[PAYROLL_REPORT_COLUMNS.indexOf('employee_id')] === 'E001') ?? [];
    expect(row[PAYROLL_REPORT_COLUMNS.indexOf('spouse_name')]).toBe('山田 花子');
    expect(row[PAYROLL_REPORT_COLUMNS.indexOf('dependant_names')]).toBe('山田 一郎; 山田 ハル; 山田 次郎');
    expect(row[PAYROLL_REPORT_COLUMNS.indexOf('dependant_kanas')]).toBe('ヤマダ イチロウ; ヤマダ ハル; ヤマダ ジロウ');
  });

  it('refuses names that do not match the counts declared, naming row and column (the slip would list others than were deducted)', () => {
    const r = runYearEnd(2026, EMPLOYEES, declarations({ ...named, dependant_names: '山田 一郎; 山田 ハル' }), { totals: TOTALS });
    expect(r.problems.filter(isError).map((p) => [p.file, p.row, p.column])).toEqual([['declarations.csv', 2, 'dependant_names']]);
    const kanas = runYearEnd(2026, EMPLOYEES, declarations({ ...named, dependant_kanas: 'ヤマダ イチロウ' }), { totals: TOTALS });
    expect(kanas.problems.filter(isError).map((p) => [p.row, p.column])).toEqual([[2, 'dependant_kanas']]);
    const noSpouse = runYearEnd(2026, EMPLOYEES, declarations({ under_16_names: '山田 三郎' }), { totals: TOTALS });
    expect(noSpouse.problems.filter(isError).map((p) => [p.row, p.column])).toEqual([[2, 'under_16_names']]);
    // A フリガナ without its name was dropped without a word.
    const kanaOnly = runYearEnd(2026, EMPLOYEES, declarations({ spouse_kana: 'ヤマダ ハナコ' }), { totals: TOTALS });
    expect(kanaOnly.problems.filter(isError).map((p) => [p.row, p.column])).toEqual([[2, 'spouse_kana']]);
  });

  it('without names, as before: the counts alone', () => {
    const r = runYearEnd(2026, EMPLOYEES, DECLARATIONS, { totals: TOTALS });
    const items = withholdingItems(r.results[0] as YearEndEmployee, 2026);
    expect([items.spouse, items.dependants, items.under16]).toEqual([undefined, [], []]);
  });
});
