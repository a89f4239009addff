/**
 * Result sheets from the sidebar (給与 and its 仕訳, the 消込 仕訳 here; 消込 in reconcile-chunks.test.ts): written from the
 * core table, resumable across executions, refusing bad input and inputs edited mid-job.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PAYROLL } from '../../core/sheet-functions/payroll.js';
import { runPayroll, transferLines } from '../../core/payroll/run.js';
import { journalTable } from '../../core/journal/formats.js';
import { payrollJournal } from '../../core/journal/payroll.js';
import { journalCustomers, reconcileJournal } from '../../core/journal/reconcile.js';
import { runReconcile } from '../../core/reconcile/run.js';
import { parseTransferCompany } from '../../core/zengin/transfer/company.js';
import { salaryTransferFile } from '../../core/zengin/transfer/file.js';
import { type Built, buildAppsScript, execution, newWorld, type World, sheetFromFile } from './harness.js';

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

describe('給与 result sheet', () => {
  it('writes the core PAYROLL table to 給与_<pay date> in one call and forgets the finished job', () => {
    const world = payrollWorld();
    const view = execution(built, world).call('uraJobStart', 'payroll', RANGES, { pay_date: '2026-05-25' });
    expect(view).toMatchObject({ kind: 'payroll', sheet: '給与_2026-05-25', written: 6, total: 6, done: true });
    const expected = PAYROLL(
      sheetFromFile('examples/payroll/employees.csv'),
      sheetFromFile('examples/payroll/attendance.csv'),
      '2026-05-25',
    );
    expect(world.book.getSheetByName('給与_2026-05-25')?.values()).toEqual(expected);
    expect(world.book.getSheetByName('給与_2026-05-25')?.frozenRows).toBe(1);
    expect(execution(built, world).call('uraJobPending', 'payroll')).toBeNull();
    expect(world.book.getSheetByName('_urakata_payroll')).toBeNull();
  });

  it('settles the 年末調整 result range given with the pay date, in the table, the 全銀 file and the 仕訳; a result that did not sum this pay is refused', () => {
    const world = payrollWorld();
    // The 年末調整 sheet as Sheets gives it back: the last pay summed as a Date.
    const result = (through: Date) => [
      ['employee_id', 'name', 'difference', 'status', 'year', 'pay_dates'],
      ['1001', '山田 太郎', -5000, 'adjusted', 2026, through],
    ];
    world.book.addSheet('年末調整', result(new Date(Date.UTC(2026, 11, 24, 15))));
    const yearEnd = "'年末調整'!A1:F2";
    execution(built, world).call('uraJobStart', 'payroll', RANGES, { pay_date: '2026-12-25', year_end: yearEnd });
    const table = world.book.getSheetByName('給与_2026-12-25')?.values() ?? [];
    const column = table[0]?.indexOf('year_end_adjustment') ?? -1;
    expect(table.map((r) => r[column])).toEqual(['year_end_adjustment', 5000, 0, 0, 0, 0]);
    const journal = execution(built, world).call('uraPayrollJournal', ...RANGES, '2026-12-25', yearEnd);
    expect(JSON.stringify(journal)).toContain('年末調整');

    world.book.addSheet('早い年末調整', result(new Date(Date.UTC(2026, 10, 24, 15))));
    expect(() =>
      execution(built, world).call('uraJobStart', 'payroll', RANGES, { pay_date: '2026-12-25', year_end: "'早い年末調整'!A1:F2" }),
    ).toThrow(/pay_dates/);
  });

  it('rejects bad rows with every problem listed and writes nothing', () => {
    const world = payrollWorld();
    const sheet = world.book.getSheetByName('社員');
    if (!sheet?.rows[1] || !sheet.rows[2]) throw new Error('fixture');
    sheet.rows[1][5] = 'abc';
    sheet.rows[2][3] = '1995-02-30';
    let message = '';
    try {
      execution(built, world).call('uraJobStart', 'payroll', RANGES, { pay_date: '2026-05-25' });
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => l.includes('2行目') && l.includes('基本給'))).toBe(true);
    expect(lines.some((l) => l.includes('3行目') && l.includes('生年月日'))).toBe(true);
    expect(world.book.getSheetByName('給与_2026-05-25')).toBeNull();
    expect(world.documentProperties.store.size).toBe(0);
  });

  it('asks for the ranges before doing anything', () => {
    const world = payrollWorld();
    expect(() => execution(built, world).call('uraJobStart', 'payroll', ['', ''], { pay_date: '2026-05-25' })).toThrow(
      /範囲を選んでください: 社員マスタ、勤怠/,
    );
  });
});

describe('resuming a job', () => {
  it('keeps an unfinished job when an execution dies while saving, and the next call finishes it', () => {
    const world = payrollWorld();
    const saves: string[] = [];
    const setProperty = world.documentProperties.setProperty.bind(world.documentProperties);
    world.documentProperties.setProperty = (k: string, v: string) => {
      saves.push(v);
      // The first save (cursor 0) lands; the execution is killed at the second (after the first chunk).
      if (saves.length === 2) throw new Error('Exceeded maximum execution time');
      return setProperty(k, v);
    };
    expect(() => execution(built, world).call('uraJobStart', 'payroll', RANGES, { pay_date: '2026-05-25' })).toThrow(
      /Exceeded maximum execution time/,
    );
    expect(execution(built, world).call('uraJobPending', 'payroll')).toMatchObject({ written: 0, total: 6, done: false, ranges: RANGES });
    // The computed table waits in a hidden sheet, in text pieces Sheets cannot mistake for numbers or formulas.
    const state = world.book.getSheetByName('_urakata_payroll');
    expect(state?.hidden).toBe(true);
    expect(state?.values().every(([piece]) => String(piece).startsWith('~'))).toBe(true);

    expect(execution(built, world).call('uraJobStep', 'payroll')).toMatchObject({ written: 6, done: true });
    const expected = PAYROLL(
      sheetFromFile('examples/payroll/employees.csv'),
      sheetFromFile('examples/payroll/attendance.csv'),
      '2026-05-25',
    );
    expect(world.book.getSheetByName('給与_2026-05-25')?.values()).toEqual(expected);
    expect(world.book.getSheetByName('_urakata_payroll')).toBeNull();
    expect(world.documentProperties.store.size).toBe(0);
  });

  it('writes the table of the inputs as they were at the start, even if they are edited mid-job', () => {
    const world = payrollWorld();
    const setProperty = world.documentProperties.setProperty.bind(world.documentProperties);
    let saves = 0;
    world.documentProperties.setProperty = (k: string, v: string) => {
      if (++saves === 2) throw new Error('Exceeded maximum execution time');
      return setProperty(k, v);
    };
    expect(() => execution(built, world).call('uraJobStart', 'payroll', RANGES, { pay_date: '2026-05-25' })).toThrow();
    const expected = PAYROLL(
      sheetFromFile('examples/payroll/employees.csv'),
      sheetFromFile('examples/payroll/attendance.csv'),
      '2026-05-25',
    );
    const employees = world.book.getSheetByName('社員');
    if (employees?.rows[1]) employees.rows[1][5] = 999999;
    execution(built, world).call('uraJobStep', 'payroll');
    expect(world.book.getSheetByName('給与_2026-05-25')?.values()).toEqual(expected);
  });

  it('says so when there is nothing to resume', () => {
    expect(() => execution(built, payrollWorld()).call('uraJobStep', 'payroll')).toThrow(/再開できる処理がありません/);
  });

  it('discards a job and its kept table on request', () => {
    const world = payrollWorld();
    world.documentProperties.setProperty('urakata.job.payroll', JSON.stringify({ kind: 'payroll', ranges: RANGES, cursor: 1, total: 6 }));
    world.book.addSheet('_urakata_payroll', [['~[]']]);
    execution(built, world).call('uraJobCancel', 'payroll');
    expect(world.documentProperties.store.size).toBe(0);
    expect(world.book.getSheetByName('_urakata_payroll')).toBeNull();
  });
});

describe('全銀 給与振込 file', () => {
  const company = Object.entries(JSON.parse(readFileSync('examples/payroll/company.json', 'utf8')) as Record<string, string>);

  it('is byte for byte what core writes for the same employees, attendance and company', () => {
    const world = payrollWorld();
    world.book.addSheet('会社', [['項目', '値'], ...company]);
    const file = execution(built, world).call('uraPayrollZengin', ...RANGES, '2026-05-25', `'会社'!A1:B${company.length + 1}`) as {
      fileName: string;
      base64: string;
    };
    expect(file.fileName).toBe('zengin-salary-2026-05-25.txt');
    const employees = { data: readFileSync('examples/payroll/employees.csv', 'utf8'), file: 'employees.csv' };
    const attendance = { data: readFileSync('examples/payroll/attendance.csv', 'utf8'), file: 'attendance.csv' };
    const run = runPayroll(employees, attendance, { payDate: '2026-05-25', requireBank: true });
    const paying = parseTransferCompany(Object.fromEntries(company), 'company.json').company;
    if (!paying) throw new Error('fixture company');
    const expected = salaryTransferFile(
      paying,
      '2026-05-25',
      transferLines(run.results.map((r) => ({ employee: r.employee, amount: r.result.row.net_pay }))),
    );
    expect(Buffer.from(file.base64, 'base64')).toEqual(Buffer.from(expected));
    expect(expected.length % 122).toBe(0);
  });

  it('lists every problem of the company range and the employees at once', () => {
    const world = payrollWorld();
    world.book.addSheet('会社', [
      ['company_code', 'ABC'],
      ['company_name', '漢字の会社'],
    ]);
    let message = '';
    try {
      execution(built, world).call('uraPayrollZengin', ...RANGES, '2026-05-25', "'会社'!A1:B2");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('company_code');
    expect(message).toContain('bank_code');
    expect(message.split('\n').length).toBeGreaterThanOrEqual(3);
  });
});

describe('仕訳 sheet', () => {
  it('writes 仕訳_<pay date>: the pay entry and the 法定福利費 entry of the same payroll, 借方/貸方', () => {
    const world = payrollWorld();
    const view = execution(built, world).call('uraPayrollJournal', ...RANGES, '2026-05-25');
    const read = (f: string) => ({ data: readFileSync(`examples/payroll/${f}`, 'utf8'), file: f });
    const run = runPayroll(read('employees.csv'), read('attendance.csv'), { payDate: '2026-05-25' });
    const entries = payrollJournal(
      run.results.map((r) => r.result.row),
      'salary',
    );
    expect(entries).toHaveLength(2);
    expect(view).toEqual({ sheet: '仕訳_2026-05-25', entries });
    const expected = journalTable(entries, 'ja');
    const values = world.book.getSheetByName('仕訳_2026-05-25')?.values() ?? [];
    expect(values).toEqual(expected);
    expect(values[1]?.slice(0, 4)).toEqual([1, '2026-05-25', '借方', '給料手当']);
  });

  it('refuses bad rows with every problem listed, writing no sheet', () => {
    const world = payrollWorld();
    const sheet = world.book.getSheetByName('社員');
    if (!sheet?.rows[1]) throw new Error('fixture');
    sheet.rows[1][5] = 'abc';
    expect(() => execution(built, world).call('uraPayrollJournal', ...RANGES, '2026-05-25')).toThrow(/2行目.*基本給/);
    expect(world.book.getSheetByName('仕訳_2026-05-25')).toBeNull();
  });
});

describe('消込 仕訳 sheet', () => {
  function reconcileWorld(): World {
    const world = newWorld();
    world.book.addSheet('入金明細', sheetFromFile('examples/reconcile/bank.csv'));
    world.book.addSheet('請求残高', sheetFromFile('examples/reconcile/open-items.csv'));
    return world;
  }
  const REC = ["'入金明細'!A1:I12", "'請求残高'!A1:J11"];

  it('writes 仕訳_消込: the entries `urakata reconcile --journal` makes of the same files, 借方/貸方', () => {
    const world = reconcileWorld();
    const view = execution(built, world).call('uraReconcileJournal', ...REC);
    const read = (f: string) => ({ data: readFileSync(`examples/reconcile/${f}`, 'utf8'), file: f });
    const run = runReconcile(read('bank.csv'), read('open-items.csv'), { today: '2026-06-30' });
    if (!run.ok) throw new Error('example rejected');
    const entries = reconcileJournal(run.decisions, journalCustomers(run.openItems));
    expect(entries.length).toBeGreaterThan(0);
    expect(view).toEqual({ sheet: '仕訳_消込', entries });
    const values = world.book.getSheetByName('仕訳_消込')?.values() ?? [];
    expect(values).toEqual(journalTable(entries, 'ja'));
    expect(values[1]?.slice(2, 5)).toEqual(['借方', '普通預金', '']);
    expect(values.some((r) => r[3] === '売掛金' && r[4] === '株式会社山田商事')).toBe(true);
  });

  it('refuses a bad row with the problem listed, writing no sheet', () => {
    const world = reconcileWorld();
    const sheet = world.book.getSheetByName('入金明細');
    if (!sheet?.rows[1]) throw new Error('fixture');
    sheet.rows[1][1] = 'abc';
    expect(() => execution(built, world).call('uraReconcileJournal', ...REC)).toThrow(/2行目/);
    expect(world.book.getSheetByName('仕訳_消込')).toBeNull();
  });
});
