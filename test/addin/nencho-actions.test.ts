import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { nenchoFunctions } from '../../core/sheet-functions/nencho.js';
import { PAYROLL } from '../../core/sheet-functions/payroll.js';
import { buildYearEndSheet, readYearEndRequest } from '../../addin/taskpane/nencho-actions.js';
import { columnLetters as columnLetter } from '../../core/xlsx/cells.js';
import { excelSerial, NTA_DECLARATIONS, NTA_EMPLOYEES, NTA_TOTALS } from '../core/sheet-functions/cases.js';
import { type MockWorkbook, mockWorkbook } from './mock-workbook.js';

/** The A1 address a block of values fills from A1. */
const a1 = (values: readonly (readonly unknown[])[]) => `A1:${columnLetter((values[0]?.length ?? 1) - 1)}${values.length}`;
const sheetOf = (values: unknown[][], numberFormat?: string[][]) => ({
  ranges: { [a1(values)]: { values, ...(numberFormat ? { numberFormat } : {}) } },
});

/** The values written to a result sheet (the range written from A1). */
function written(wb: MockWorkbook, name: string): unknown[][] {
  const sheet = wb.sheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const keys = [...(sheet.ranges._properties as Map<string, unknown>).keys()].filter((a) => a.startsWith('A1:') && !a.endsWith(':V1'));
  return sheet.ranges[keys[0] ?? ''].values as unknown[][];
}

/** A workbook of the sheets 社員, 申告書 and 年間合計, and the request the pane reads from their whole blocks. */
async function totalsWorkbook(staff: unknown[][], declarations: unknown[][], yearTotals: unknown[][]) {
  const wb = mockWorkbook({ 社員: sheetOf(staff), 申告書: sheetOf(declarations), 年間合計: sheetOf(yearTotals) });
  const fields = {
    employees: `社員!${a1(staff)}`,
    declarations: `申告書!${a1(declarations)}`,
    pay: `年間合計!${a1(yearTotals)}`,
    year: 2026,
  };
  return { wb, request: await readYearEndRequest(wb.run, fields) };
}

const record = (t: unknown[][], i: number) => Object.fromEntries((t[0] ?? []).map((k, c) => [String(k), t[i]?.[c]]));

// A second employee on 乙欄: not adjusted, shown with the reason.
const employees = [...NTA_EMPLOYEES, ['1002', '高橋 健', excelSerial('2000-07-07'), '東京都', 180_000, 0, '乙']];
const totals = [...NTA_TOTALS, ['1002', 2_160_000, 300_000, 320_000]];

describe('年末調整 pane actions (office-addin-mock)', () => {
  it('writes 年末調整 令和8年分 from the employees, declarations and totals ranges: the NTA example and a 乙欄 employee', async () => {
    const wb = mockWorkbook({ 社員: sheetOf(employees), 申告書: sheetOf(NTA_DECLARATIONS), 年間合計: sheetOf(totals) });
    const fields = {
      employees: `社員!${a1(employees)}`,
      declarations: `申告書!${a1(NTA_DECLARATIONS)}`,
      pay: `年間合計!${a1(totals)}`,
      year: 2026,
    };
    const request = await readYearEndRequest(wb.run, fields);
    const r = await buildYearEndSheet(wb.run, request);
    expect(r).toEqual({ sheet: '年末調整 令和8年分', employees: 2, heldBack: 0, problems: [] });
    const table = written(wb, '年末調整 令和8年分');
    // The same table =URA.NENCHO gives for the same ranges.
    expect(table).toEqual(nenchoFunctions({ today: '2026-12-10' }).NENCHO(employees, NTA_DECLARATIONS, totals, 2026));
    expect(record(table, 1)).toMatchObject({ employee_id: '1001', taxable_income: 2_146_000, annual_tax: 41_400, difference: -115_270 });
    expect(record(table, 2)).toMatchObject({ employee_id: '1002', status: 'not_eligible', difference: '', withheld_tax: 300_000 });
    expect(wb.sheet('年末調整 令和8年分')?.freezePanes.rows).toBe(1);
  });

  it('sums payroll sheets given as a list of ranges, their pay dates being date cells', async () => {
    const staff = [
      ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '月平均所定労働時間'],
      ['1', '山田', excelSerial('1995-10-10'), '東京都', 300_000, 1, '甲', 160],
    ];
    const months = ['2026-01-23', '2026-02-25'].map((d) => PAYROLL(staff, [['社員番号']], d));
    const at = months[0]?.[0]?.indexOf('pay_date') ?? -1;
    // As Excel holds them once written: the pay date a serial number formatted as a date.
    const asSheet = (m: (string | number)[][]) => ({
      values: m.map((r, i) => r.map((c, j) => (i > 0 && j === at ? excelSerial(String(c)) : c))),
      numberFormat: m.map((r, i) => r.map((_, j) => (i > 0 && j === at ? 'yyyy/m/d' : 'General'))),
    });
    const jan = asSheet(months[0] ?? []);
    const feb = asSheet(months[1] ?? []);
    const declarations = [['社員番号'], ['1']];
    const wb = mockWorkbook({
      社員: sheetOf(staff),
      申告書: sheetOf(declarations),
      '給与_2026-01': sheetOf(jan.values, jan.numberFormat),
      '給与_2026-02': sheetOf(feb.values, feb.numberFormat),
    });
    const request = await readYearEndRequest(wb.run, {
      employees: `社員!${a1(staff)}`,
      declarations: `申告書!${a1(declarations)}`,
      pay: `給与_2026-01!${a1(jan.values)}; 給与_2026-02!${a1(feb.values)}`,
      year: 2026,
    });
    expect('payroll' in request.source && request.source.payroll.map((p) => p.file)).toEqual([
      `給与_2026-01!${a1(jan.values)}`,
      `給与_2026-02!${a1(feb.values)}`,
    ]);
    await buildYearEndSheet(wb.run, request);
    const gross = Number(months[0]?.[1]?.[months[0]?.[0]?.indexOf('gross_pay') ?? -1]);
    expect(record(written(wb, '年末調整 令和8年分'), 1)).toMatchObject({ employee_id: '1', total_pay: 2 * gross, status: 'adjusted' });
  });

  it('keeps the good employees and lists a rejected row with its range, row and column', async () => {
    const declarations = [...NTA_DECLARATIONS, ['1002', '', 'x']];
    const second = [...employees.slice(0, 2), ['1002', '高橋 健', excelSerial('2000-07-07'), '東京都', 180_000, 0, '甲']];
    const { wb, request } = await totalsWorkbook(second, declarations, totals);
    const r = await buildYearEndSheet(wb.run, request);
    expect(r.employees).toBe(1);
    expect(r.problems.map((p) => [p.file, p.row, p.column, p.value])).toContainEqual([`申告書!${a1(declarations)}`, 3, '特定扶養', 'x']);
    expect(written(wb, '年末調整 令和8年分').map((row) => row[0])).toEqual(['employee_id', '1001']);
  });

  it('writes nothing and throws every error when no employee is left', async () => {
    const declarations = [NTA_DECLARATIONS[0] ?? [], ['1001', '', 'x']];
    const { wb, request } = await totalsWorkbook(NTA_EMPLOYEES, declarations, NTA_TOTALS);
    const error = await buildYearEndSheet(wb.run, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => p.column)).toEqual(['特定扶養']);
    expect(wb.sheet('年末調整 令和8年分')).toBeUndefined();
  });
});
