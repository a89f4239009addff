import { describe, expect, it } from 'vitest';
import { InputError, problem, problemLine } from '../../../core/errors.js';
import { matrixToCsvText } from '../../../core/sheet-functions/cells.js';
import {
  cellToYear,
  nenchoFunctions,
  splitRangeList,
  yearEndForPane,
  yearEndRequest,
  yearEndSheetName,
} from '../../../core/sheet-functions/nencho.js';
import { employeesCsv, PAYROLL } from '../../../core/sheet-functions/payroll.js';
import { runYearEnd } from '../../../core/payroll/year-end/run.js';
import { yearEndTable } from '../../../core/payroll/year-end/output.js';
import { excelSerial as serial, FUNCTION_CASES, NTA_DECLARATIONS, NTA_EMPLOYEES, NTA_TOTALS } from './cases.js';

const asRecord = (t: (string | number)[][], i = 1) => Object.fromEntries((t[0] ?? []).map((k, c) => [k, t[i]?.[c]]));

/** As a host calls them on 2026-12-10 in Tokyo. */
const { KYUYOSHOTOKU, NENCHO } = nenchoFunctions({ today: '2026-12-10' });

describe('KYUYOSHOTOKU: ⑨ 給与所得控除後の給与等の金額', () => {
  it('gives the 令和8年分 figures at the edges of each band', () => {
    expect([8_970_000, 740_999, 741_000, 2_190_999, 6_600_000].map((v) => KYUYOSHOTOKU(v, 2026))).toEqual([
      7_020_000, 0, 1_000, 1_450_999, 4_840_000,
    ]);
  });
  it("takes the year as a number, 西暦 text or 令和 text, and the year being adjusted on the host's today when omitted", () => {
    for (const y of [2026, '2026', '2026年', '令和8年分', '令和８年', 'R8']) expect(cellToYear(y, '2027-03-01'), String(y)).toBe(2026);
    expect(cellToYear('', '2026-12-31')).toBe(2026);
    // In January the year being adjusted (源泉徴収票 due by 31 January) is last year's.
    expect(cellToYear('', '2027-01-31')).toBe(2026);
    expect(cellToYear('', '2026-02-01')).toBe(2026);
    expect(KYUYOSHOTOKU(8_970_000)).toBe(7_020_000);
    expect(nenchoFunctions({ today: '2026-12-31' }).KYUYOSHOTOKU(8_970_000)).toBe(7_020_000);
    // In January 2027 the year is still 2026's; from February, 2027: a year without a table, named with the known ones.
    expect(nenchoFunctions({ today: '2027-01-01' }).KYUYOSHOTOKU(8_970_000)).toBe(7_020_000);
    expect(() => nenchoFunctions({ today: '2027-02-01' }).KYUYOSHOTOKU(8_970_000)).toThrow(
      /2027年分の年末調整の表は未収録です（収録: 2026（令和8年分））/,
    );
  });
  it('refuses a year without a table, naming the years known', () => {
    expect(() => KYUYOSHOTOKU(1_000_000, 2025)).toThrow('no year-end adjustment table for 2025 (known: 2026)');
    expect(() => KYUYOSHOTOKU(1_000_000, '平成30年')).toThrow(InputError);
  });
  it('gives a column for a column, and names the row of a bad cell', () => {
    expect(KYUYOSHOTOKU([[2_190_999], [null], [6_600_000]], 2026)).toEqual([[1_450_999], [''], [4_840_000]]);
    expect(() => KYUYOSHOTOKU([[1], [-1]], 2026)).toThrow('列「total_pay[row 2]」');
    expect(() => KYUYOSHOTOKU([[1, 2]], 2026)).toThrow('total_pay must be a single column');
  });
});

describe('NENCHO', () => {
  const nta = FUNCTION_CASES.find((c) => c.fn === 'NENCHO' && c.title.includes('NTA'));

  it('reproduces the NTA worked example from year totals (refund 115,270)', () => {
    const t = NENCHO(NTA_EMPLOYEES, NTA_DECLARATIONS, NTA_TOTALS, 2026);
    expect(t).toEqual(nta?.expected);
    expect(asRecord(t)).toMatchObject({
      employment_income: 7_020_000,
      taxable_income: 2_146_000,
      annual_tax: 41_400,
      difference: -115_270,
    });
  });

  it('answers as urakata nencho does on the same data given as files', () => {
    const cli = runYearEnd(
      2026,
      { data: employeesCsv(NTA_EMPLOYEES), file: 'employees.csv' },
      { data: matrixToCsvText(NTA_DECLARATIONS), file: 'declarations.csv' },
      { totals: { data: matrixToCsvText(NTA_TOTALS), file: 'totals.csv' } },
    );
    expect(NENCHO(NTA_EMPLOYEES, NTA_DECLARATIONS, NTA_TOTALS, 2026)).toEqual(yearEndTable(cli.results.map((r) => r.row)));
  });

  it('sums the year’s PAYROLL tables by pay date (Excel serial dates), leaving out a pay of another year', () => {
    const employees = [
      ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '月平均所定労働時間'],
      ['1', '山田', serial('1995-10-10'), '東京都', 300_000, 1, '甲', 160],
      ['2', '佐藤', serial('1990-01-01'), '東京都', 200_000, 0, '乙', 160],
    ];
    const attendance = [['社員番号'], ['1'], ['2']];
    const months = ['2026-01-23', '2026-02-25', '2026-03-25'].map((d) => PAYROLL(employees, attendance, d));
    const dateColumn = months[0]?.[0]?.indexOf('pay_date') ?? -1;
    // The December 2025 pay, as its own output says it was paid (not this year's: left out).
    const first = months[0] ?? [];
    months.unshift([first[0] ?? [], ...first.slice(1).map((r) => r.map((c, i) => (i === dateColumn ? '2025-12-25' : c)))]);
    // One range holding every month under one header, pay dates typed into Excel as dates.
    const stacked = [
      months[0]?.[0] ?? [],
      ...months.flatMap((m) => m.slice(1).map((r) => r.map((c, i) => (i === dateColumn ? serial(String(c)) : c)))),
    ];
    const declarations = [['社員番号'], ['1']];
    const t = NENCHO(employees, declarations, stacked, 2026);
    const cli = runYearEnd(
      2026,
      { data: employeesCsv(employees), file: 'employees.csv' },
      { data: matrixToCsvText(declarations), file: 'declarations.csv' },
      { payroll: months.map((m, i) => ({ data: matrixToCsvText(m), file: `payroll-${i}.csv` })) },
    );
    expect(t).toEqual(yearEndTable(cli.results.map((r) => r.row)));
    const gross = (m: (string | number)[][]) => Number(m[1]?.[m[0]?.indexOf('gross_pay') ?? -1]);
    expect(asRecord(t)).toMatchObject({ employee_id: '1', total_pay: 3 * gross(months[1] ?? []), status: 'adjusted' });
    expect(asRecord(t, 2)).toMatchObject({ employee_id: '2', status: 'not_eligible', difference: '' });
  });

  it('throws every input problem like PAYROLL, the first one named with its range, row and column', () => {
    const declarations = [NTA_DECLARATIONS[0] ?? [], ['1001', 0, 1, 'x', 1, 1, 1_000_000, 150_000, 100_000, 100_000, 60_000, -1]];
    try {
      NENCHO(NTA_EMPLOYEES, declarations, NTA_TOTALS, 2026);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const problems = (e as InputError).problems;
      expect(problems.map((p) => [p.file, p.row, p.column])).toEqual(
        expect.arrayContaining([
          ['declarations', 2, '同居老親等'],
          ['declarations', 2, '住宅借入金等特別控除額'],
        ]),
      );
      expect((e as InputError).message).toMatch(/^declarations 2行目 列「同居老親等」 値「x」: .+ \/ .+ \(\+\d+\)$/);
    }
  });

  it('refuses totals given with a payroll table, and a missing pay range', () => {
    const payroll = [['employee_id', 'pay_date']];
    expect(() => yearEndRequest(2026, { name: 'e', values: [] }, { name: 'd', values: [] }, [])).toThrow(/pay range/);
    expect(() =>
      yearEndRequest(2026, { name: 'e', values: [] }, { name: 'd', values: [] }, [
        { name: '合計', values: NTA_TOTALS },
        { name: '給与', values: payroll },
      ]),
    ).toThrow(/値「合計」/);
  });
});

describe('the panes’ run', () => {
  const employees = [
    ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '月平均所定労働時間'],
    ['1', '山田', '1980-04-15', '東京都', 300_000, 0, '甲', 160],
    ['2', '佐藤', '1990-01-01', '東京都', 300_000, 0, '甲', 160],
  ];
  const declarations = [['社員番号'], ['1'], ['2']];
  const january = PAYROLL(employees, [['社員番号']], '2026-01-23');
  const february = PAYROLL(employees, [['社員番号']], '2026-02-25');
  /** Both months under one header, employee 1's February gross pay spoilt when asked. */
  const pay = (spoil = false) => [
    ...january,
    ...february.slice(1).map((r) => (spoil && r[0] === '1' ? r.map((c, i) => (february[0]?.[i] === 'gross_pay' ? 'x' : c)) : r)),
  ];

  it('holds back the employee a bad pay row belongs to and keeps the others, as nencho would compute them', () => {
    const request = yearEndRequest(2026, { name: '社員', values: employees }, { name: '申告書', values: declarations }, [
      { name: '給与', values: pay(true) },
    ]);
    const r = yearEndForPane(request);
    expect(r.results.map((x) => x.employee.employee_id)).toEqual(['2']);
    expect(r.heldBack).toBe(1);
    expect(r.problems.filter((p) => p.severity !== 'warning').map((p) => [p.file, p.row, p.column])).toEqual([['給与', 4, 'gross_pay']]);
    const whole = yearEndForPane(
      yearEndRequest(2026, { name: '社員', values: employees }, { name: '申告書', values: declarations }, [
        { name: '給与', values: pay() },
      ]),
    );
    expect(r.results[0]?.row).toEqual(whole.results[1]?.row);
  });

  it('holds back everyone when a pay row cannot be told whose it is, or a column is missing', () => {
    const nobody = pay().map((r, i) => (i === 4 ? ['', ...r.slice(1)] : r));
    const request = yearEndRequest(2026, { name: '社員', values: employees }, { name: '申告書', values: declarations }, [
      { name: '給与', values: nobody },
    ]);
    const r = yearEndForPane(request);
    expect(r.results).toEqual([]);
    expect(r.heldBack).toBe(2);
    const noTax = yearEndRequest(2026, { name: '社員', values: employees }, { name: '申告書', values: declarations }, [
      { name: '給与', values: pay().map((row) => row.filter((_, c) => january[0]?.[c] !== 'income_tax')) },
    ]);
    const missing = yearEndForPane(noTax);
    expect(missing.results).toEqual([]);
    expect(missing.problems.map(problemLine)).toContain(
      '給与 1行目 / row 1 列「income_tax」/ column income_tax: 必須の列「income_tax」がありません / required column missing (accepted names: income_tax)',
    );
  });

  it('holds back an employee without a declaration row, naming them', () => {
    const request = yearEndRequest(2026, { name: '社員', values: employees }, { name: '申告書', values: [['社員番号'], ['2']] }, [
      { name: '給与', values: pay() },
    ]);
    const r = yearEndForPane(request);
    expect(r.results.map((x) => x.employee.employee_id)).toEqual(['2']);
    expect(r.problems.map(problemLine)).toContain(
      '申告書 列「社員番号」/ column 社員番号 値「1」: 甲欄の社員（社員マスタ2行目）の申告書の行がありません / no declaration row for this 甲 employee (employees file row 2)',
    );
  });

  it('names the result sheet by 年分, and splits a list of pay ranges', () => {
    expect(yearEndSheetName(2026)).toBe('年末調整 令和8年分');
    expect(splitRangeList("給与_2026-01!A1:Z6; '給与, 2月'!A1:Z6、賞与!A1:Z3\n\n")).toEqual([
      '給与_2026-01!A1:Z6',
      "'給与, 2月'!A1:Z6",
      '賞与!A1:Z3',
    ]);
    expect(problemLine(problem('申告書', 3, '一般扶養', 'x', '整数で入力してください', 'must be a whole number'))).toBe(
      '申告書 3行目 / row 3 列「一般扶養」/ column 一般扶養 値「x」: 整数で入力してください / must be a whole number',
    );
  });
});
