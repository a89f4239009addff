import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/payroll');

let dir: string;
let out: string;
let err: string;
const io = () => ({
  out: (t: string) => {
    out += t;
  },
  err: (t: string) => {
    err += t;
  },
  cwd: dir,
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-nencho-'));
  out = '';
  err = '';
  for (const f of ['employees.csv', 'attendance.csv', 'bonuses.csv', 'company.json', 'declarations.csv'])
    writeFileSync(join(dir, f), readFileSync(join(EXAMPLES, f)));
});

const run = (...args: string[]) => main(args, io());
/** A run and what it printed to stderr. */
async function runWithErr(...args: string[]) {
  err = '';
  const code = await run(...args);
  return { code, err };
}
const read = (f: string) => readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '');

/** A CSV read back as objects by header. */
function records(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split(/\r?\n/);
  const names = (header ?? '').split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** The year's twelve monthly runs and the December bonus, as Urakata writes them. */
async function runYear(): Promise<string[]> {
  const files: string[] = [];
  for (const m of MONTHS) {
    const f = `payroll-2026-${m}.csv`;
    expect(
      await run('payroll', '--employees', 'employees.csv', '--attendance', 'attendance.csv', '--pay-date', `2026-${m}-25`, '--out', f),
    ).toBe(0);
    files.push(f);
  }
  expect(
    await run('bonus', '--employees', 'employees.csv', '--bonuses', 'bonuses.csv', '--pay-date', '2026-12-10', '--out', 'bonus.csv'),
  ).toBe(0);
  return [...files, 'bonus.csv'];
}

const nencho = ['nencho', '--year', '2026', '--employees', 'employees.csv', '--declarations', 'declarations.csv'];

/** The payroll of the example employees paid on `payDate` with the settlement of `yearEnd`, into `out`. */
const payWith = (payDate: string, yearEnd: string, out: string) => [
  'payroll',
  '--employees',
  'employees.csv',
  '--attendance',
  'attendance.csv',
  '--pay-date',
  payDate,
  '--year-end',
  yearEnd,
  '--out',
  out,
];

describe('urakata nencho', () => {
  it('reproduces the NTA worked example through the CLI (⑨ 7,020,000 … refund 115,270)', async () => {
    writeFileSync(
      join(dir, 'ex-employees.csv'),
      '社員番号,氏名,生年月日,都道府県,基本給,扶養親族等の数,税額表\nN1,国税 太郎,1975-06-01,東京都,600000,5,甲\n',
    );
    writeFileSync(join(dir, 'ex-totals.csv'), 'employee_id,total_pay,withheld_tax,social_insurance\nN1,8970000,156670,1386102\n');
    writeFileSync(
      join(dir, 'ex-declarations.csv'),
      'employee_id,spouse_income,dependants_general,dependants_specified,dependants_elderly_cohabiting,disabled_general,specified_relative_incomes,life_new_general,life_care_medical,life_new_pension,earthquake,housing_loan_credit\n' +
        'N1,0,1,1,1,1,1000000,150000,100000,100000,60000,76500\n',
    );
    const code = await run(
      'nencho',
      '--year',
      '2026',
      '--employees',
      'ex-employees.csv',
      '--declarations',
      'ex-declarations.csv',
      '--totals',
      'ex-totals.csv',
      '--out',
      'result.csv',
    );
    expect(err).not.toContain('エラー');
    expect(code).toBe(0);
    const [r] = records(read('result.csv'));
    expect(r).toMatchObject({
      employee_id: 'N1',
      total_pay: '8970000',
      employment_income: '7020000',
      income_adjustment: '47000',
      social_insurance: '1386102',
      life_insurance_deduction: '120000',
      earthquake_insurance_deduction: '50000',
      spouse_deduction: '380000',
      specified_relative_deduction: '410000',
      dependants_deduction: '1860000',
      basic_deduction: '620000',
      total_deductions: '4826102',
      taxable_income: '2146000',
      computed_tax: '117100',
      housing_loan_credit: '76500',
      annual_tax: '41400',
      withheld_tax: '156670',
      difference: '-115270',
      status: 'adjusted',
    });
  });

  it('gives the same year from twelve monthly runs and a bonus (--payroll) as from their totals (--totals)', async () => {
    const files = await runYear();
    expect(await run(...nencho, '--payroll', ...files, '--out', 'from-payroll.csv')).toBe(0);
    // The totals worked out here by hand from the outputs: pay less the non-taxable commuting (≤ 150,000 a month).
    const totals = new Map<string, [number, number, number]>();
    for (const f of files) {
      for (const r of records(read(f))) {
        const t = totals.get(r.employee_id ?? '') ?? [0, 0, 0];
        const commute = Number(r.commute_allowance);
        t[0] += Number(r.gross_pay) - Math.min(commute, 150_000);
        t[1] += Number(r.income_tax);
        t[2] += Number(r.social_insurance_total);
        totals.set(r.employee_id ?? '', t);
      }
    }
    writeFileSync(
      join(dir, 'totals.csv'),
      `employee_id,total_pay,withheld_tax,social_insurance\n${[...totals].map(([id, t]) => `${id},${t.join(',')}`).join('\n')}\n`,
    );
    expect(await run(...nencho, '--totals', 'totals.csv', '--out', 'from-totals.csv')).toBe(0);
    // The same figures; the one from the pays says which it summed (twelve salaries and the bonus), the one from totals none.
    const summed = [...MONTHS.map((m) => `2026-${m}-25`), '2026-12-10(賞与)'].sort().join(' ');
    const payDates = (csv: string) => records(csv).map((r) => r.pay_dates);
    expect(new Set(payDates(read('from-payroll.csv')))).toEqual(new Set([summed]));
    expect(new Set(payDates(read('from-totals.csv')))).toEqual(new Set(['']));
    expect(read('from-payroll.csv').replaceAll(`,${summed}`, ',')).toBe(read('from-totals.csv'));
    const rows = records(read('from-payroll.csv'));
    expect(rows.map((r) => r.status)).toEqual(['adjusted', 'adjusted', 'adjusted', 'adjusted', 'not_eligible']);
    // 1004 joined mid-year: the previous employer's 1,200,000 is in the year; its 165,000 commuting is 15,000 taxable a month.
    expect(rows.find((r) => r.employee_id === '1004')?.total_pay).toBe(String(235_000 * 12 + 1_200_000));
    // 1005 is 乙欄: no tax invented.
    expect(rows.find((r) => r.employee_id === '1005')).toMatchObject({ annual_tax: '', difference: '', status: 'not_eligible' });
  });

  it('carries the settlement into December’s pay, payslip and 全銀 file, the regular items unchanged', async () => {
    const files = await runYear();
    expect(await run(...nencho, '--payroll', ...files, '--out', 'nencho.csv')).toBe(0);
    const refund = -Number(records(read('nencho.csv')).find((r) => r.employee_id === '1001')?.difference);
    expect(refund).toBeGreaterThan(0);
    const december = [
      'payroll',
      '--employees',
      'employees.csv',
      '--attendance',
      'attendance.csv',
      '--pay-date',
      '2026-12-25',
      '--zengin',
      'zengin.txt',
      '--company',
      'company.json',
      '--payslips',
      'slips',
    ];
    expect(await run(...december, '--year-end', 'nencho.csv', '--out', 'december.csv')).toBe(0);
    const before = records(read('payroll-2026-12.csv')).find((r) => r.employee_id === '1001');
    const after = records(read('december.csv')).find((r) => r.employee_id === '1001');
    expect(after?.year_end_adjustment).toBe(String(refund));
    expect(Number(after?.net_pay)).toBe(Number(before?.net_pay) + refund);
    const { net_pay: _a, year_end_adjustment: _b, ...regularAfter } = after ?? {};
    const { net_pay: _c, year_end_adjustment: _d, ...regularBefore } = before ?? {};
    expect(regularAfter).toEqual(regularBefore);
    // The 全銀 data record of 1001 carries the adjusted net pay (10 digits).
    expect(readFileSync(join(dir, 'zengin.txt'), 'latin1')).toContain(String(Number(after?.net_pay)).padStart(10, '0'));
    const slip = readFileSync(join(dir, 'slips', '1001.pdf'));
    expect(slip.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The settlement goes into the last pay of the year (or January's, when the adjustment came
    // after December's pay): a June pay with --year-end is refused, and nothing is written.
    const june = december.map((a) => (a === '2026-12-25' ? '2026-06-25' : a === 'slips' ? 'june-slips' : a));
    const refused = await runWithErr(...june, '--year-end', 'nencho.csv', '--out', 'june.csv');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('nencho.csv');
    expect(refused.err).toContain('年末調整の精算は12月か翌年1月の給与で行います');
    expect(existsSync(join(dir, 'june.csv'))).toBe(false);
    expect(existsSync(join(dir, 'june-slips'))).toBe(false);
    expect(
      (
        await runWithErr(
          ...december.map((a) => (a === '2026-12-25' ? '2027-01-25' : a)),
          '--year-end',
          'nencho.csv',
          '--out',
          'january.csv',
        )
      ).code,
    ).toBe(0);
  });

  it('takes its JSON result (--out nencho.json) as --year-end too, to the same pay as its CSV', async () => {
    // It had been read as a CSV: every column of the settlement called missing.
    const files = await runYear();
    expect(await run(...nencho, '--payroll', ...files, '--out', 'nencho.csv')).toBe(0);
    expect(await run(...nencho, '--payroll', ...files, '--out', 'nencho.json')).toBe(0);
    expect(await run(...payWith('2026-12-25', 'nencho.csv', 'from-csv.csv'))).toBe(0);
    expect(await run(...payWith('2026-12-25', 'nencho.json', 'from-json.csv'))).toBe(0);
    expect(read('from-json.csv')).toBe(read('from-csv.csv'));
    expect(records(read('from-json.csv')).some((r) => r.year_end_adjustment !== '0')).toBe(true);
    // A JSON file that is not a result is named as such.
    writeFileSync(join(dir, 'other.json'), '{"name": "株式会社ウラカタ"}');
    const other = await runWithErr(...payWith('2026-12-25', 'other.json', 'x.csv'));
    expect(other.code).toBe(1);
    expect(other.err).toContain('other.json');
    expect(other.err).toContain('年末調整の結果');
  });

  it('refuses a settlement computed without the pay it goes into, or of another year, and writes nothing', async () => {
    // The year-end made before December's salary: eleven months and the bonus of 12-10. Its
    // refunds leave out December's withholding, and would be overpaid by it.
    const files = await runYear();
    const early = files.filter((f) => f !== 'payroll-2026-12.csv');
    expect(await run(...nencho, '--payroll', ...early, '--out', 'nencho-early.csv')).toBe(0);
    const december = (payDate: string, out: string, yearEnd: string) => [
      ...payWith(payDate, yearEnd, `${out}.csv`),
      '--payslips',
      `${out}-slips`,
    ];
    const refused = await runWithErr(...december('2026-12-25', 'early', 'nencho-early.csv'));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('nencho-early.csv 2行目 列「pay_dates」 値「2026-01-25 … 2026-12-10(賞与) (12)」');
    expect(refused.err).toContain('この給与（支給日 2026-12-25）を集計していません');
    expect(existsSync(join(dir, 'early.csv'))).toBe(false);
    expect(existsSync(join(dir, 'early-slips'))).toBe(false);
    // A 2026 result is not settled in January 2026, nor in December 2027.
    expect(await run(...nencho, '--payroll', ...files, '--out', 'nencho.csv')).toBe(0);
    for (const payDate of ['2026-01-25', '2027-12-25']) {
      const r = await runWithErr(...december(payDate, `wrong-${payDate}`, 'nencho.csv'));
      expect([payDate, r.code]).toEqual([payDate, 1]);
      expect(r.err).toContain('2026年分の年末調整の結果です');
      expect(existsSync(join(dir, `wrong-${payDate}.csv`))).toBe(false);
    }
  });

  it('prints a warning of its inputs (an item the payer file has that nothing reads) and still writes its files', async () => {
    writeFileSync(
      join(dir, 'payer.json'),
      '{"name":"株式会社ウラカタ","address":"東京都千代田区丸の内1-1-1","corporate_number":"1234567890123"}',
    );
    const files = await runYear();
    const r = await runWithErr(...nencho, '--payroll', ...files, '--out', 'nencho.csv', '--slips', 'slips', '--payer', 'payer.json');
    expect(r.err).toMatch(/corporate_number.*警告 warning/);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'nencho.csv'))).toBe(true);
    expect(existsSync(join(dir, 'slips', '1001.pdf'))).toBe(true);
  });

  it('writes one 源泉徴収票 per employee with the payer, the 乙欄 one 年調未済', async () => {
    writeFileSync(join(dir, 'payer.json'), '{"name":"株式会社ウラカタ","address":"東京都千代田区丸の内1-1-1","phone":"03-1234-5678"}');
    const files = await runYear();
    expect(await run(...nencho, '--payroll', ...files, '--slips', 'slips', '--payer', 'payer.json')).toBe(0);
    for (const id of ['1001', '1002', '1003', '1004', '1005']) {
      expect(
        readFileSync(join(dir, 'slips', `${id}.pdf`))
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
    }
    expect(await run(...nencho, '--payroll', ...files, '--payer', 'payer.json')).toBe(2);
  });

  it('writes the 賃金台帳・源泉徴収簿 and the 給与支払報告書 data with the result', async () => {
    const files = await runYear();
    const code = await run(
      ...nencho,
      '--payroll',
      ...files,
      '--ledger',
      'ledger.csv',
      '--report',
      'report.csv',
      '--report-summary',
      'summary.csv',
    );
    expect(code).toBe(0);
    const ledger = records(read('ledger.csv'));
    // Thirteen pays (twelve months and the bonus) for 1001, a total, and the year-end row.
    expect(ledger.filter((r) => r.employee_id === '1001').map((r) => r.row_type)).toEqual([...Array(13).fill('pay'), 'total', 'year_end']);
    const total = ledger.find((r) => r.employee_id === '1001' && r.row_type === 'total');
    const pays = ledger.filter((r) => r.employee_id === '1001' && r.row_type === 'pay');
    expect(Number(total?.income_tax)).toBe(pays.reduce((s, r) => s + Number(r.income_tax), 0));
    expect(records(read('report.csv')).map((r) => r.employee_id)).toEqual(['1001', '1002', '1003', '1004', '1005']);
    expect(records(read('summary.csv')).at(-1)).toMatchObject({ municipality: '合計', employees: '5' });
  });

  it('reads --year as the panes read a year (令和8年分, R8), and names --year when it is not one', async () => {
    const files = await runYear();
    const args = (year: string, out: string) => [
      'nencho',
      '--year',
      year,
      '--employees',
      'employees.csv',
      '--declarations',
      'declarations.csv',
      '--payroll',
      ...files,
      '--out',
      out,
    ];
    expect(await run(...args('2026', 'a.csv'))).toBe(0);
    expect(await run(...args('令和8年分', 'b.csv'))).toBe(0);
    expect(await run(...args('R8', 'c.csv'))).toBe(0);
    expect(read('b.csv')).toBe(read('a.csv'));
    expect(read('c.csv')).toBe(read('a.csv'));
    expect(await run(...args('next', 'd.csv'))).toBe(1);
    expect(err).toMatch(/--year.*next/);
    expect(existsSync(join(dir, 'd.csv'))).toBe(false);
  });

  it.each(['2025', '2027'])('refuses the year %s, naming the years known', async (year) => {
    expect(
      await run('nencho', '--year', year, '--employees', 'employees.csv', '--declarations', 'declarations.csv', '--totals', 'x.csv'),
    ).toBe(1);
    expect(err).toContain(`${year}年分の年末調整の表は未収録です（収録: 2026（令和8年分））`);
  });

  it('refuses a run and its rerun given together, naming the row', async () => {
    const files = await runYear();
    writeFileSync(join(dir, 'again.csv'), readFileSync(join(dir, 'payroll-2026-12.csv')));
    expect(await run(...nencho, '--payroll', ...files, 'again.csv', '--out', 'n.csv')).toBe(1);
    expect(err).toMatch(/again\.csv 2行目 列「pay_date」 値「2026-12-25」: 同じ支給が2回あります/);
    expect(existsSync(join(dir, 'n.csv'))).toBe(false);
  });

  it('names a declaration for an unknown employee, a 甲 employee without one, and a bad cell; writes nothing', async () => {
    writeFileSync(join(dir, 'declarations.csv'), '社員番号,地震保険料,一般扶養\n1001,30000,1\n1002,abc,0\n1003,0,0\n9999,0,0\n');
    writeFileSync(
      join(dir, 'totals.csv'),
      'employee_id,total_pay,withheld_tax,social_insurance\n1001,1,0,0\n1002,1,0,0\n1003,1,0,0\n1004,1,0,0\n1005,1,0,0\n',
    );
    expect(await run(...nencho, '--totals', 'totals.csv', '--out', 'n.csv')).toBe(1);
    expect(err).toContain('declarations.csv 3行目 列「地震保険料」 値「abc」');
    expect(err).toContain('declarations.csv 5行目 列「社員番号」 値「9999」: 社員マスタにない社員番号です');
    expect(err).toMatch(/declarations\.csv 列「社員番号」 値「1004」: 甲欄の社員（社員マスタ5行目）の申告書の行がありません/);
    expect(err).not.toContain('値「1005」');
    expect(err).not.toContain('値「1002」: 甲欄');
    expect(existsSync(join(dir, 'n.csv'))).toBe(false);
  });

  it('is a usage error to give both --payroll and --totals, or neither', async () => {
    expect(await run(...nencho, '--totals', 't.csv', '--payroll', 'p.csv')).toBe(2);
    expect(await run(...nencho)).toBe(2);
    expect(await run('nencho', '--help')).toBe(0);
    expect(out).toContain('--declarations FILE');
  });
});
