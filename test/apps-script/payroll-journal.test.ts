/** The 給与 pane's 仕訳 sheet: the entries `urakata payroll --journal` writes, one row per line. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { journalTable } from '../../core/journal/formats.js';
import { payrollJournal } from '../../core/journal/payroll.js';
import { runPayroll } from '../../core/payroll/run.js';
import { type Built, buildAppsScript, execution, newWorld, sheetFromFile, type World } from './harness.js';

let built: Built;
beforeAll(async () => {
  built = await buildAppsScript();
});

function payrollWorld(): World {
  const world = newWorld();
  world.book.addSheet('社員', sheetFromFile('examples/payroll/employees.csv'));
  world.book.addSheet('勤怠', sheetFromFile('examples/payroll/attendance.csv'));
  return world;
}

const RANGES = ["'社員'!A1:U6", "'勤怠'!A1:F6"];

describe('仕訳 sheet', () => {
  it('writes 仕訳_<pay month>: the pay entry and the 法定福利費 entry of the same payroll, 借方/貸方', () => {
    const world = payrollWorld();
    const view = execution(built, world).call('uraPayrollJournal', ...RANGES, '2026-05-25');
    expect(view).toEqual({ sheet: '仕訳_2026-05', entries: 2 });
    const read = (f: string) => ({ data: readFileSync(`examples/payroll/${f}`, 'utf8'), file: f });
    const run = runPayroll(read('employees.csv'), read('attendance.csv'), { payDate: '2026-05-25' });
    const expected = journalTable(
      payrollJournal(
        run.results.map((r) => r.result.row),
        'salary',
      ),
      'ja',
    );
    const values = world.book.getSheetByName('仕訳_2026-05')?.values() ?? [];
    expect(values).toEqual(expected);
    expect(values[1]?.slice(0, 4)).toEqual([1, '2026-05-25', '借方', '給料手当']);
  });

  it('refuses bad rows with every problem listed, writing no sheet', () => {
    const world = payrollWorld();
    const sheet = world.book.getSheetByName('社員');
    if (!sheet?.rows[1]) throw new Error('fixture');
    sheet.rows[1][5] = 'abc';
    expect(() => execution(built, world).call('uraPayrollJournal', ...RANGES, '2026-05-25')).toThrow(/2行目.*基本給/);
    expect(world.book.getSheetByName('仕訳_2026-05')).toBeNull();
  });
});
