import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import {
  journalSheetName,
  payrollFunctions,
  payrollOfCells,
  payrollSheetName,
  RECONCILE_JOURNAL_SHEET,
} from '../../../core/sheet-functions/payroll.js';
import { excelSerial as serial } from './cases.js';

/** As a host calls them on 2026-04-15 in Tokyo. */
const { EMPLOYMENTINSURANCE, OVERTIMEPAY, PAYROLL, RESIDENTTAX, SOCIALINSURANCE, STANDARDMONTHLY } = payrollFunctions({
  today: '2026-04-15',
});

describe('STANDARDMONTHLY', () => {
  it('health grade for 300,000 is 300,000; pension for 1,000,000 is capped at 650,000', () => {
    expect(STANDARDMONTHLY(300_000, 'health', '2026-05-01')).toBe(300_000);
    expect(STANDARDMONTHLY(1_000_000, '厚生年金', '2026-05-01')).toBe(650_000);
    expect(STANDARDMONTHLY('¥62,999', undefined, serial('2026-05-01'))).toBe(58_000);
  });
  it('refuses a month after the known grade table (2027-09 adds 第33級)', () => {
    expect(() => STANDARDMONTHLY(700_000, 'pension', '2027-09-01')).toThrow(InputError);
  });
});

describe('SOCIALINSURANCE returns one row of four', () => {
  it('Tokyo, 300,000, age 45, April 2026: 17,205 / 345 / 27,450 / employer 17,205 + 345 + 27,450 + 1,080', () => {
    expect(SOCIALINSURANCE(300_000, '東京都', 45, '2026-04')).toEqual([[17_205, 345, 27_450, 46_080]]);
    // An age with a fraction (YEARFRAC) or typed as text is that age in whole years: 45.73 had been
    // read as the serial of 1900-02-13, a 126-year-old, and every premium 0.
    expect(SOCIALINSURANCE(300_000, '東京都', 45.73, '2026-04')).toEqual([[17_205, 345, 27_450, 46_080]]);
    expect(SOCIALINSURANCE(300_000, '東京都', '45', '2026-04')).toEqual([[17_205, 345, 27_450, 46_080]]);
    expect(SOCIALINSURANCE(300_000, '東京都', 39.99, '2026-04')).toEqual(SOCIALINSURANCE(300_000, '東京都', 39, '2026-04'));
  });
  it('takes a birth date (as an Excel serial) instead of an age: born 1986-05-01 reaches 40 on 2026-04-30', () => {
    expect(SOCIALINSURANCE(300_000, 13, serial('1986-05-01'), '2026-04')[0]?.[0]).toBe(17_205);
    expect(SOCIALINSURANCE(300_000, 13, serial('1986-05-01'), '2026-03')[0]?.[0]).toBe(14_775);
  });
  it('refuses an amount that is not a grade, and an unknown prefecture', () => {
    expect(() => SOCIALINSURANCE(301_000, '東京', 30, '2026-04')).toThrow(/STANDARDMONTHLY/);
    expect(() => SOCIALINSURANCE(300_000, 'ムー', 30, '2026-04')).toThrow(InputError);
  });
});

describe('EMPLOYMENTINSURANCE', () => {
  it('300,102 × 5/1000 = 1,500.51 → 1,501; R7 at a March closing: 300,000 × 5.5/1000 = 1,650', () => {
    expect(EMPLOYMENTINSURANCE(300_102, '一般', '2026-04-30')).toBe(1_501);
    expect(EMPLOYMENTINSURANCE(300_000, undefined, '2026-03-31')).toBe(1_650);
    expect(EMPLOYMENTINSURANCE(400_000, '建設', '2026-05-31')).toBe(2_400);
  });
});

describe("a blank date is the host's today", () => {
  it('STANDARDMONTHLY: the grades of this month', () => {
    expect(STANDARDMONTHLY(300_000)).toBe(300_000);
    expect(() => payrollFunctions({ today: '2027-09-01' }).STANDARDMONTHLY(700_000, 'pension')).toThrow(InputError);
  });
  it("SOCIALINSURANCE: this month's rates and ages (April 2026: 17,205 / 345 / 27,450 / 46,080)", () => {
    expect(SOCIALINSURANCE(300_000, '東京都', 45)).toEqual([[17_205, 345, 27_450, 46_080]]);
    expect(SOCIALINSURANCE(300_000, 13, serial('1986-05-01'))[0]?.[0]).toBe(17_205);
    expect(payrollFunctions({ today: '2026-03-31' }).SOCIALINSURANCE(300_000, 13, serial('1986-05-01'))[0]?.[0]).toBe(14_775);
  });
  it("EMPLOYMENTINSURANCE: the rate of today's fiscal year (300,000: 1,500 in R8, 1,650 in R7)", () => {
    expect(EMPLOYMENTINSURANCE(300_000)).toBe(1_500);
    expect(payrollFunctions({ today: '2026-03-31' }).EMPLOYMENTINSURANCE(300_000)).toBe(1_650);
  });
});

describe('OVERTIMEPAY', () => {
  it('300,000 ÷ 160 h, 10 h overtime at night: 23,438 + 4,688 = 28,126', () => {
    expect(OVERTIMEPAY(300_000, 160, 10, null, 10)).toBe(28_126);
  });
  it('70 h of overtime: 60 × 2,500 + 10 × 3,000 = 180,000 at 2,000/h', () => {
    expect(OVERTIMEPAY(320_000, 160, 70)).toBe(180_000);
  });
  it('refuses more over-60 hours than overtime hours', () => {
    expect(() => OVERTIMEPAY(320_000, 160, 10, 20)).toThrow(InputError);
  });
  it('takes hours as text 時:分 as the docs say (12:30 is 12.5 h), as the attendance columns do', () => {
    // 300,000 ÷ 160 = 1,875/h × 1.25 × 12.5 h = 29,296.875 → 29,297. "12:30" had been refused.
    expect(OVERTIMEPAY(300_000, 160, '12:30')).toBe(OVERTIMEPAY(300_000, 160, 12.5));
    expect(OVERTIMEPAY(300_000, '160:00', '12:00')).toBe(28_125);
    expect(() => OVERTIMEPAY(300_000, 160, '12:30:15')).toThrow(InputError);
  });
});

describe('RESIDENTTAX', () => {
  it('180,300: June 15,300, other months 15,000', () => {
    expect(RESIDENTTAX(180_300, 6)).toBe(15_300);
    expect(RESIDENTTAX(180_300, 1)).toBe(15_000);
  });
});

describe('PAYROLL spills a table with a header row', () => {
  const employees = [
    ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '月平均所定労働時間'],
    ['1', '山田', serial('1995-10-10'), '東京都', 300_000, 1, '甲', 160],
  ];
  const attendance = [
    ['社員番号', '時間外'],
    ['1', 0],
  ];
  it('computes from ranges with Excel serial dates', () => {
    const t = PAYROLL(employees, attendance, '2026-12-25');
    expect(t[0]?.[0]).toBe('employee_id');
    expect(t).toHaveLength(2);
    const row = Object.fromEntries((t[0] ?? []).map((k, i) => [k, t[1]?.[i]]));
    // the December 2026 case of test/core/payroll/monthly.test.ts
    expect(row).toMatchObject({ employee_id: '1', social_insurance_total: 44_070, income_tax: 4_710, net_pay: 300_000 - 44_070 - 4_710 });
  });
  it('reads a 健康保険料率 cell formatted as % (9.91 % is stored as 0.0991) as 9.91 %, not 0.0991 %', () => {
    const withRate = (v: number | string) => [
      [...(employees[0] ?? []), '健康保険料率'],
      [...(employees[1] ?? []), v],
    ];
    const health = (v: number | string) => {
      const t = PAYROLL(withRate(v), attendance, '2026-12-25');
      return t[1]?.[(t[0] ?? []).indexOf('health_insurance')];
    };
    // 標準報酬月額 300,000 × 9.91 % = 29,730 → 14,865.
    expect(health(9.91)).toBe(14_865);
    expect(health(0.0991)).toBe(14_865);
    expect(health('9.91')).toBe(14_865);
    // Typed as text, the fraction is refused: no lawful rate is under 3 %.
    expect(() => PAYROLL(withRate('0.0991'), attendance, '2026-12-25')).toThrow(InputError);
  });
  const asRecord = (t: (string | number)[][]) => Object.fromEntries((t[0] ?? []).map((k, c) => [k, t[1]?.[c]]));
  it('settles the 年末調整 in the pay when given its result (NENCHO’s table), as urakata payroll --year-end does', () => {
    // The result as Excel gives it back: the last pay summed as a date serial (46381 is 2026-12-25).
    const result = (through: number | string) => [
      ['employee_id', 'name', 'difference', 'status', 'year', 'pay_dates'],
      ['1', '山田', -5_000, 'adjusted', 2026, through],
    ];
    const plain = asRecord(PAYROLL(employees, attendance, '2026-12-25'));
    const settled = asRecord(PAYROLL(employees, attendance, '2026-12-25', result(46_381)));
    expect(settled.year_end_adjustment).toBe(5_000);
    expect(settled.net_pay).toBe(Number(plain.net_pay) + 5_000);
    expect(asRecord(PAYROLL(employees, attendance, '2026-12-25', result('2026-12-25'))).net_pay).toBe(settled.net_pay);
    // Omitted, or a blank cell (Excel's null, Sheets' ''): no settlement.
    expect(PAYROLL(employees, attendance, '2026-12-25', [[null]])).toEqual(PAYROLL(employees, attendance, '2026-12-25'));
    // A result that did not sum this pay is refused, as the CLI refuses it.
    expect(() => PAYROLL(employees, attendance, '2026-12-25', result(46_351))).toThrow(/pay_dates/);
  });
  it('passes over blank rows at the end of a roomy range, and reads =0.7+0.4 hours as 1.1', () => {
    const roomy = [...employees, ['', '', null, '', '', '', '', ''], [null, null, null, null, null, null, null, null]];
    expect(PAYROLL(roomy, [...attendance, ['', '']], '2026-12-25')).toEqual(PAYROLL(employees, attendance, '2026-12-25'));
    const noisy = PAYROLL(employees, [attendance[0] ?? [], ['1', 0.7 + 0.4]], '2026-12-25');
    expect(noisy).toEqual(PAYROLL(employees, [attendance[0] ?? [], ['1', 1.1]], '2026-12-25'));
  });
  it('payrollOfCells is the run every pane path makes (payslips, 全銀, 仕訳): the same pay as PAYROLL, problems named by the range', () => {
    const run = payrollOfCells(
      { values: employees, file: '社員!A1:H2' },
      { values: attendance, file: '勤怠!A1:B2' },
      { payDate: '2026-12-25' },
    );
    expect(run.results[0]?.result.row.net_pay).toBe(300_000 - 44_070 - 4_710);
    const bad = payrollOfCells(
      { values: [employees[0] ?? [], ['1', '山田', 'x', '東京都', 300_000, 1, '甲', 160]], file: '社員!A1:H2' },
      { values: attendance, file: '勤怠!A1:B2' },
      { payDate: '2026-12-25' },
    );
    expect(bad.problems[0]).toMatchObject({ file: '社員!A1:H2', row: 2, value: 'x' });
    expect(journalSheetName('2026-12-25')).toBe('仕訳_2026-12-25');
    expect(RECONCILE_JOURNAL_SHEET).toBe('仕訳_消込');
  });
  it('names a pay’s sheets by its pay date: two pays of one month (pay day 1: December’s on 12-01, January’s moved back to 12-30) are two sheets', () => {
    // Named by month, January's pay had been written over December's, and the 年末調整 pane summed one of them.
    expect(payrollSheetName('2026-12-01')).toBe('給与_2026-12-01');
    expect(payrollSheetName('2026-12-30')).toBe('給与_2026-12-30');
    expect(journalSheetName('2026-12-30')).not.toBe(journalSheetName('2026-12-01'));
  });
  it('takes a date-time serial for its day (Excel 46167.5 is 2026-05-25 12:00)', () => {
    expect(STANDARDMONTHLY(300_000, undefined, 46_167.5)).toBe(STANDARDMONTHLY(300_000, undefined, '2026-05-25'));
  });
  it('throws every problem of the ranges', () => {
    const bad = [employees[0] ?? [], ['1', '山田', 'x', '東京都', -1, 1, '甲', 160]];
    try {
      PAYROLL(bad, attendance, '2026-12-25');
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).problems.map((p) => p.column)).toEqual(['生年月日', '基本給']);
    }
  });
});
