/**
 * Result sheets from the sidebar (給与 here; 消込 in reconcile-chunks.test.ts): written from the
 * core table, resumable across executions, refusing bad input and inputs edited mid-job.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/csv/parse.js';
import { PAYROLL } from '../../core/functions/index.js';
import { fingerprint } from '../../apps-script/table-job.js';
import { type Built, buildAppsScript, execution, newWorld, type World } from './harness.js';

let built: Built;
beforeAll(async () => {
  built = await buildAppsScript();
});

/** A CSV file as the sheet a user would paste it into (numbers as numbers, as Sheets keeps them). */
function sheetOf(path: string): (string | number)[][] {
  return parseCsv(readFileSync(path, 'utf8')).records.map((r) =>
    r.fields.map((f) => (/^-?\d+(\.\d+)?$/.test(f) && !/^0\d/.test(f) ? Number(f) : f)),
  );
}

function payrollWorld(): World {
  const world = newWorld();
  world.book.addSheet('社員', sheetOf('examples/payroll/employees.csv'));
  world.book.addSheet('勤怠', sheetOf('examples/payroll/attendance.csv'));
  return world;
}

const RANGES = ["'社員'!A1:U6", "'勤怠'!A1:F6"];

describe('給与 result sheet', () => {
  it('writes the core PAYROLL table to 給与_<pay date> in one call and forgets the finished job', () => {
    const world = payrollWorld();
    const view = execution(built, world).call('uraJobStart', 'payroll', RANGES, { pay_date: '2026-05-25' });
    expect(view).toMatchObject({ kind: 'payroll', sheet: '給与_2026-05-25', written: 6, total: 6, done: true });
    const expected = PAYROLL(sheetOf('examples/payroll/employees.csv'), sheetOf('examples/payroll/attendance.csv'), '2026-05-25');
    expect(world.book.getSheetByName('給与_2026-05-25')?.values()).toEqual(expected);
    expect(world.book.getSheetByName('給与_2026-05-25')?.frozenRows).toBe(1);
    expect(execution(built, world).call('uraJobPending', 'payroll')).toBeNull();
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
  it('offers an unfinished job after the sidebar is closed and continues it from the saved cursor', () => {
    const world = payrollWorld();
    // A job killed mid-way leaves its state behind: rewind a finished one to row 3 and cut the sheet there.
    execution(built, world).call('uraJobStart', 'payroll', RANGES, { pay_date: '2026-05-25' });
    const finished = world.book.getSheetByName('給与_2026-05-25')?.values();
    world.documentProperties.setProperty(
      'urakata.job.payroll',
      JSON.stringify({
        kind: 'payroll',
        id: 'payroll-x',
        ranges: RANGES,
        options: { pay_date: '2026-05-25' },
        sheet: '給与_2026-05-25',
        fingerprint: fingerprintOf(world),
        cursor: 3,
        total: 6,
      }),
    );
    const sheet = world.book.getSheetByName('給与_2026-05-25');
    if (sheet) sheet.rows = sheet.rows.slice(0, 3);
    expect(execution(built, world).call('uraJobPending', 'payroll')).toMatchObject({ written: 3, total: 6, done: false, ranges: RANGES });
    expect(execution(built, world).call('uraJobStep', 'payroll')).toMatchObject({ written: 6, done: true });
    expect(sheet?.values()).toEqual(finished);
  });

  it('stops, and forgets the job, when an input range changed since the job started', () => {
    const world = payrollWorld();
    world.documentProperties.setProperty(
      'urakata.job.payroll',
      JSON.stringify({
        kind: 'payroll',
        id: 'p',
        ranges: RANGES,
        options: { pay_date: '2026-05-25' },
        sheet: '給与_2026-05-25',
        fingerprint: '0-0',
        cursor: 3,
        total: 6,
      }),
    );
    world.book.addSheet('給与_2026-05-25', []);
    expect(() => execution(built, world).call('uraJobStep', 'payroll')).toThrow(/入力範囲が変更されました/);
    expect(execution(built, world).call('uraJobPending', 'payroll')).toBeNull();
  });

  it('discards a job on request', () => {
    const world = payrollWorld();
    world.documentProperties.setProperty('urakata.job.payroll', JSON.stringify({ kind: 'payroll', ranges: RANGES, cursor: 1, total: 6 }));
    execution(built, world).call('uraJobCancel', 'payroll');
    expect(world.documentProperties.store.size).toBe(0);
  });
});

/** The fingerprint a job takes of its inputs, over the same values Code.js reads. */
function fingerprintOf(world: World): string {
  return fingerprint(RANGES.map((a1) => world.book.getRange(a1).getValues()));
}
