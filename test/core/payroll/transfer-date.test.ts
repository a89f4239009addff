/**
 * The 全銀 給与振込 file's 振込指定日 is the pay date: a day banks are closed cannot be one. A run
 * for a 全銀 file (requireBank) refuses such a pay date, naming the business day before it, as
 * the 総合振込 of payables does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBonus, runPayroll } from '../../../core/payroll/run.js';

const read = (f: string) => ({ data: readFileSync(`examples/payroll/${f}`, 'utf8'), file: f });

describe('給与振込: the pay date is the transfer date', () => {
  it.each([
    ['2026-12-31', '2026-12-30'], // 12月31日: banks closed
    ['2027-01-02', '2026-12-30'], // Saturday, and 1月2日
    ['2027-01-11', '2027-01-08'], // 成人の日
    ['2027-01-24', '2027-01-22'], // Sunday
  ])('refuses %s for a 全銀 file, and names %s, the business day before', (payDate, before) => {
    const run = runPayroll(read('employees.csv'), read('attendance.csv'), { payDate, requireBank: true });
    const found = run.problems.filter((p) => p.column === 'pay_date');
    expect(found.map((p) => p.value)).toEqual([payDate]);
    expect(found[0]?.message_ja).toContain(before);
    expect(found[0]?.message_en).toContain(before);
    expect(run.rejected).toBe(true);
  });

  it('takes a business day, and any day when no 全銀 file is asked for', () => {
    expect(runPayroll(read('employees.csv'), read('attendance.csv'), { payDate: '2026-12-25', requireBank: true }).problems).toEqual([]);
    const noFile = runPayroll(read('employees.csv'), read('attendance.csv'), { payDate: '2026-12-31' });
    expect(noFile.problems.filter((p) => p.column === 'pay_date')).toEqual([]);
  });

  it('refuses a bonus paid on a bank holiday for a 全銀 file too', () => {
    const run = runBonus(read('employees.csv'), read('bonuses.csv'), { payDate: '2026-12-31', requireBank: true });
    expect(run.problems.filter((p) => p.column === 'pay_date').map((p) => p.value)).toEqual(['2026-12-31']);
  });
});
