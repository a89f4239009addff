import { describe, expect, it } from 'vitest';
import { sheetFunctionsByDay } from '../../../core/sheet-functions/index.js';

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
