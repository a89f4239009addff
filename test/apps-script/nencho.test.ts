/**
 * The sidebar's 年末調整 in Code.js (a vm execution per call, as Apps Script runs it): the result
 * sheet from the employees, declarations and pay ranges, the same table as =URA_NENCHO, with the
 * employees an input error touches left out and listed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NENCHO } from '../../core/functions/nencho.js';
import { PAYROLL } from '../../core/functions/payroll.js';
import { NTA_DECLARATIONS, NTA_EMPLOYEES, NTA_TOTALS } from '../core/functions/cases.js';
import { type Built, buildAppsScript, execution, newWorld, type World } from './harness.js';

let built: Built;
beforeAll(async () => {
  built = await buildAppsScript();
});

/** The NTA example in Sheets: the birth date a date cell, as Sheets holds one. */
const employees = [NTA_EMPLOYEES[0] ?? [], ['1001', '山田 太郎', new Date('1980-04-15T00:00:00+09:00'), '東京都', 600_000, 4, '甲']];
const range = (sheet: string, rows: readonly (readonly unknown[])[]) =>
  `'${sheet}'!A1:${String.fromCharCode(64 + (rows[0]?.length ?? 1))}${rows.length}`;

function world(declarations = NTA_DECLARATIONS): World {
  const w = newWorld();
  w.book.addSheet('社員', employees);
  w.book.addSheet('申告書', declarations);
  w.book.addSheet('年間合計', NTA_TOTALS);
  return w;
}

describe('年末調整 in the sidebar (server)', () => {
  it('writes 年末調整 令和8年分 from the ranges: the URA_NENCHO table, header frozen', () => {
    const w = world();
    const view = execution(built, w).call(
      'uraYearEnd',
      range('社員', employees),
      range('申告書', NTA_DECLARATIONS),
      range('年間合計', NTA_TOTALS),
      '2026',
    );
    expect(view).toEqual({ sheet: '年末調整 令和8年分', employees: 1, errors: 0, problems: [] });
    const sheet = w.book.getSheetByName('年末調整 令和8年分');
    expect(sheet?.values()).toEqual(NENCHO(NTA_EMPLOYEES, NTA_DECLARATIONS, NTA_TOTALS, 2026));
    expect(sheet?.frozenRows).toBe(1);
    const row = sheet?.values()[1] ?? [];
    expect(row[sheet?.values()[0]?.indexOf('difference') ?? -1]).toBe(-115_270);
  });

  it('sums the payroll ranges listed with ;, and replaces the sheet of an earlier run', () => {
    const staff = [
      ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '月平均所定労働時間'],
      ['1001', '山田 太郎', '1980-04-15', '東京都', 600_000, 4, '甲', 160],
    ];
    const w = world();
    const months = ['2026-01-23', '2026-02-25'].map((d) => PAYROLL(staff, [['社員番号']], d));
    months.forEach((m, i) => w.book.addSheet(`給与_2026-0${i + 1}`, m));
    w.book.addSheet('年末調整 令和8年分', [['old']]);
    const pays = months.map((m, i) => range(`給与_2026-0${i + 1}`, m)).join('; ');
    const view = execution(built, w).call('uraYearEnd', range('社員', employees), range('申告書', NTA_DECLARATIONS), pays, 2026) as {
      employees: number;
    };
    expect(view.employees).toBe(1);
    const values = w.book.getSheetByName('年末調整 令和8年分')?.values() ?? [];
    const gross = Number(months[0]?.[1]?.[months[0]?.[0]?.indexOf('gross_pay') ?? -1]);
    expect(values[1]?.[values[0]?.indexOf('total_pay') ?? -1]).toBe(2 * gross);
    expect(values.flat()).not.toContain('old');
  });

  it('lists a rejected row (行目 / row, 列 / column) and writes the other employees', () => {
    const declarations = [...NTA_DECLARATIONS, ['1002', '', 'x']];
    const w = world(declarations);
    w.book.getSheetByName('社員')?.rows.push(['1002', '佐藤 花子', '1995-09-01', '東京都', 250_000, 0, '甲']);
    w.book.getSheetByName('年間合計')?.rows.push(['1002', 3_000_000, 60_000, 450_000]);
    const view = execution(built, w).call('uraYearEnd', "'社員'!A1:G3", range('申告書', declarations), "'年間合計'!A1:D3", 2026) as {
      employees: number;
      errors: number;
      problems: string[];
    };
    expect(view.employees).toBe(1);
    expect(view.errors).toBe(1);
    expect(view.problems[0]).toMatch(/^'申告書'!A1:L3 3行目 \/ row 3 列「特定扶養」\/ column 特定扶養 値「x」: .+ \/ .+$/);
    expect(
      w.book
        .getSheetByName('年末調整 令和8年分')
        ?.values()
        .map((r) => r[0]),
    ).toEqual(['employee_id', '1001']);
  });

  it('writes nothing when every employee is rejected, and says why line by line', () => {
    const w = world([NTA_DECLARATIONS[0] ?? [], ['1001', '', 'x']]);
    const run = () =>
      execution(built, w).call('uraYearEnd', range('社員', employees), "'申告書'!A1:L2", range('年間合計', NTA_TOTALS), 2026);
    expect(run).toThrow(/^'申告書'!A1:L2 2行目 \/ row 2 列「特定扶養」\/ column 特定扶養 値「x」: /);
    expect(w.book.getSheetByName('年末調整 令和8年分')).toBeNull();
    expect(() =>
      execution(built, w).call('uraYearEnd', range('社員', employees), "'申告書'!A1:L2", range('年間合計', NTA_TOTALS), 2025),
    ).toThrow(/2025年分の年末調整の表は未収録です.*known: 2026/);
  });

  it('opens from the menu on its own tab', () => {
    const w = newWorld();
    const run = execution(built, w);
    run.call('onOpen');
    expect(w.menus[0]?.items).toContainEqual(['年末調整… / Year-end adjustment…', 'uraOpenNencho']);
    run.call('uraOpenNencho');
    expect(w.sidebars[0]?.appended).toEqual(['<meta name="urakata-pane" content="nencho">']);
  });
});
