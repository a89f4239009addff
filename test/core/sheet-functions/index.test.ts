import { describe, expect, it } from 'vitest';
import { FUNCTION_CATALOG, hostFunctions, notBuiltMessage, sheetFunctionsByDay } from '../../../core/sheet-functions/index.js';

describe('sheetFunctionsByDay', () => {
  it('makes the functions once per day, and again when the day given changes (a workbook open past midnight)', () => {
    const byDay = sheetFunctionsByDay();
    const first = byDay('2026-12-31');
    expect(byDay('2026-12-31')).toBe(first);
    expect(first.WITHHOLDING(300_000, 0)).toBe(7_930);
    const next = byDay('2027-01-01');
    expect(next).not.toBe(first);
    // The blank pay date is the new day: 令和9年分's table.
    expect(next.WITHHOLDING(300_000, 0)).toBe(7_760);
  });
});

describe('hostFunctions', () => {
  it('gives every catalog function, each call made as of the day the host clock gives at that call', () => {
    let today = '2026-12-31';
    const functions = hostFunctions(() => today);
    expect(functions.map((f) => f.spec.name)).toEqual(FUNCTION_CATALOG.map((s) => s.name));
    expect(functions.every((f) => typeof f.call === 'function')).toBe(true);
    const withholding = functions.find((f) => f.spec.name === 'WITHHOLDING')?.call as (pay: number, dependants: number) => unknown;
    expect(withholding(300_000, 0)).toBe(7_930);
    today = '2027-01-01';
    expect(withholding(300_000, 0)).toBe(7_760);
  });

  it('says in both languages that a function is not in this build', () => {
    expect(notBuiltMessage('NENCHO')).toBe('NENCHO はまだ使えません（この版には未搭載） / NENCHO is not available in this version yet');
  });
});
