import { describe, expect, it } from 'vitest';
import { objectsToRows, toCsvText } from '../../../../core/csv/write.js';
import { nonTaxableCommute } from '../../../../core/payroll/commute.js';
import { bonusPay, monthlyPay, PAYROLL_COLUMNS, type PayrollRow, payPeriod } from '../../../../core/payroll/index.js';
import { LEDGER_COLUMN_LABELS, LEDGER_COLUMNS, ledgerTable } from '../../../../core/payroll/year-end/ledger.js';
import { runYearEnd } from '../../../../core/payroll/year-end/index.js';
import { attendance, employee } from '../fixtures.js';
import { DECLARATIONS, EMPLOYEES, sampleRun } from './sample-run.js';

/** E001's year: twelve salaries (with a commuting allowance) and a summer bonus, as payroll outputs. */
function payrollOutputs(): { file: string; data: string } {
  const e = employee({ employee_id: 'E001', name: '山田 太郎', monthly_salary: 500_000, commute_allowance: 20_000, dependents: 5 });
  const rows: PayrollRow[] = [];
  for (let m = 1; m <= 12; m++) rows.push(monthlyPay(e, attendance(), payPeriod(`2026-${String(m).padStart(2, '0')}-25`)).row);
  rows.push(bonusPay(e, { bonus: 1_000_000, previous_taxable: 420_000, bonus_to_date: 0 }, '2026-07-10', 'table').row);
  return { file: 'payroll-2026.csv', data: toCsvText(objectsToRows(PAYROLL_COLUMNS, rows)) };
}

const column = (name: (typeof LEDGER_COLUMNS)[number]) => LEDGER_COLUMNS.indexOf(name);

describe('賃金台帳・源泉徴収簿', () => {
  const run = runYearEnd(2026, EMPLOYEES, DECLARATIONS, { payroll: [payrollOutputs()] });
  const table = ledgerTable(run);
  const rowsOf = (id: string, type: string) => table.filter((r) => r[0] === id && r[column('row_type')] === type);

  it('has one header row of the ledger columns, each with a Japanese label', () => {
    expect(run.rejected).toBe(false);
    expect(table[0]).toEqual([...LEDGER_COLUMNS]);
    for (const c of LEDGER_COLUMNS) expect(LEDGER_COLUMN_LABELS[c]).toBeTruthy();
    expect(LEDGER_COLUMNS).toEqual(expect.arrayContaining([...PAYROLL_COLUMNS]));
    expect(table.every((r) => r.length === LEDGER_COLUMNS.length)).toBe(true);
  });

  it('tells the bonus from the salaries (pay_kind), and the 年末調整 result marks the bonus date', () => {
    const pays = rowsOf('E001', 'pay');
    expect(pays.map((r) => r[column('pay_kind')]).filter((k) => k === 'bonus')).toHaveLength(1);
    expect(pays.find((r) => r[column('pay_date')] === '2026-07-10')?.[column('pay_kind')]).toBe('bonus');
    expect(pays.find((r) => r[column('pay_date')] === '2026-07-25')?.[column('pay_kind')]).toBe('salary');
    const dates = run.results[0]?.row.pay_dates.split(' ') ?? [];
    expect(dates).toHaveLength(13);
    expect(dates).toContain('2026-07-10(賞与)');
    expect(dates).toContain('2026-12-25');
  });

  it('reads a payroll output made before pay_kind as salaries', () => {
    const [header = '', ...lines] = payrollOutputs().data.trim().split(/\r?\n/);
    const cut = (line: string) => line.split(',').slice(0, -1).join(',');
    expect(header.endsWith(',pay_kind')).toBe(true);
    const old = { file: 'old.csv', data: `${[header, ...lines].map(cut).join('\n')}\n` };
    const r = runYearEnd(2026, EMPLOYEES, DECLARATIONS, { payroll: [old] });
    expect(r.rejected).toBe(false);
    expect(r.results[0]?.row.pay_dates).not.toContain('賞与');
  });

  it('refuses a bonus given twice, once as made before pay_kind and once after (its rerun), and a blank pay_kind', () => {
    const [header = '', ...lines] = payrollOutputs().data.trim().split(/\r?\n/);
    const bonus = lines.filter((l) => l.endsWith(',bonus'));
    const cut = (line: string) => line.split(',').slice(0, -1).join(',');
    const before = { file: 'bonus-old.csv', data: `${[header, ...bonus].map(cut).join('\n')}\n` };
    const rerun = { file: 'bonus-new.csv', data: `${[header, ...bonus].join('\n')}\n` };
    const twice = runYearEnd(2026, EMPLOYEES, DECLARATIONS, { payroll: [before, rerun] });
    expect(twice.problems.filter((p) => p.severity !== 'warning').map((p) => [p.file, p.column])).toEqual([['bonus-new.csv', 'pay_date']]);
    // A column that is there and a cell left blank: not taken for a salary.
    const blank = { file: 'payroll.csv', data: `${[header, ...bonus.map((l) => `${cut(l)},`)].join('\n')}\n` };
    const r = runYearEnd(2026, EMPLOYEES, DECLARATIONS, { payroll: [blank] });
    expect(r.problems.filter((p) => p.severity !== 'warning').map((p) => [p.file, p.row, p.column])).toEqual([
      ['payroll.csv', 2, 'pay_kind'],
    ]);
  });

  it('reads the payroll and bonus outputs written as JSON (--out x.json) as their CSV, and names JSON of anything else', () => {
    const csv = payrollOutputs();
    const [header = '', ...lines] = csv.data.trim().split(/\r?\n/);
    const columns = header.split(',');
    const objects = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], /^-?\d+$/.test(v) ? Number(v) : v])));
    const fromJson = runYearEnd(2026, EMPLOYEES, DECLARATIONS, {
      payroll: [{ file: 'payroll-2026.json', data: JSON.stringify(objects, null, 2) }],
    });
    expect(fromJson.problems).toEqual(run.problems);
    expect(fromJson.results.map((r) => r.row)).toEqual(run.results.map((r) => r.row));
    // Written before pay_kind: its pays are salaries, as from a CSV of then.
    const old = objects.map(({ pay_kind, ...rest }) => rest);
    const fromOld = runYearEnd(2026, EMPLOYEES, DECLARATIONS, { payroll: [{ file: 'old.json', data: JSON.stringify(old) }] });
    expect(fromOld.rejected).toBe(false);
    expect(fromOld.results[0]?.row.pay_dates).not.toContain('賞与');
    const other = runYearEnd(2026, EMPLOYEES, DECLARATIONS, { payroll: [{ file: 'nencho.json', data: '{"employee_id":"E001"}' }] });
    expect(other.problems.filter((p) => p.severity !== 'warning').map((p) => p.file)).toEqual(['nencho.json']);
  });

  it('lists every pay by date, then a total equal to the pays summed item by item', () => {
    const pays = rowsOf('E001', 'pay');
    expect(pays).toHaveLength(13);
    const dates = pays.map((r) => r[column('pay_date')]);
    expect(dates).toEqual([...dates].sort());
    expect(dates[6]).toBe('2026-07-10');
    const [total] = rowsOf('E001', 'total');
    for (const c of PAYROLL_COLUMNS) {
      if (c === 'employee_id' || c === 'name' || c === 'pay_date' || c === 'pay_kind') continue;
      const sum = pays.reduce((s, r) => s + Number(r[column(c)]), 0);
      expect(total?.[column(c)], c).toBe(c === 'standard_monthly' ? '' : sum);
    }
  });

  it('ends each employee with the year-end figures, which agree with the totals', () => {
    const [total] = rowsOf('E001', 'total');
    const [ye] = rowsOf('E001', 'year_end');
    const t = (c: (typeof LEDGER_COLUMNS)[number]) => Number(total?.[column(c)]);
    const y = (c: (typeof LEDGER_COLUMNS)[number]) => ye?.[column(c)];
    // 支払金額 = gross pay less the non-taxable commuting allowance (20,000 a month, all non-taxable).
    expect(y('total_pay')).toBe(t('gross_pay') - 12 * nonTaxableCommute(20_000));
    expect(y('withheld_tax')).toBe(t('income_tax'));
    expect(y('social_insurance')).toBe(t('social_insurance_total'));
    expect(y('status')).toBe('adjusted');
    expect(typeof y('annual_tax')).toBe('number');
    expect(y('difference')).toBe(Number(y('annual_tax')) - t('income_tax'));
    // The pay rows leave the year-end cells blank, the year-end row the pay cells.
    expect(ye?.[column('gross_pay')]).toBe('');
    expect(rowsOf('E001', 'pay')[0]?.[column('annual_tax')]).toBe('');
  });

  it('gives an employee of a totals run (no pays) the year-end row only, blank amounts when not adjusted', () => {
    const t = ledgerTable(sampleRun());
    expect(t.slice(1).map((r) => [r[0], r[column('row_type')]])).toEqual([
      ['E001', 'year_end'],
      ['E002', 'year_end'],
      ['E003', 'year_end'],
    ]);
    const e001 = t[1];
    expect(e001?.[column('employment_income')]).toBe(7_020_000);
    expect(e001?.[column('income_adjustment')]).toBe(47_000);
    expect(e001?.[column('taxable_income')]).toBe(2_146_000);
    expect(e001?.[column('computed_tax')]).toBe(117_100);
    expect(e001?.[column('annual_tax')]).toBe(41_400);
    expect(e001?.[column('difference')]).toBe(-115_270);
    const e002 = t[2];
    expect(e002?.[column('status')]).toBe('not_eligible');
    expect(e002?.[column('total_pay')]).toBe(1_200_000);
    expect(e002?.[column('annual_tax')]).toBe('');
  });
});
