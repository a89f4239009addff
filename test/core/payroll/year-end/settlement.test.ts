import { describe, expect, it } from 'vitest';
import { readSettlements, settlementPayProblems } from '../../../../core/payroll/year-end/settlement.js';

describe('readSettlements: the nencho result in the year-end pay', () => {
  const file = (rows: string) => ({ file: 'nencho.csv', data: `employee_id,name,status,difference\n${rows}` });

  it('passes over an employee who is no longer in the employees file and carries nothing (a leaver, not adjusted)', () => {
    // A leaver kept in the year's employees file for nencho, left out of December's: the December
    // pay had been refused for everyone.
    const r = readSettlements(file('1001,山田,adjusted,-115270\n1004,佐藤,not_eligible,\n'), new Set(['1001']));
    expect(r.problems).toEqual([]);
    expect([...r.byId]).toEqual([['1001', 115_270]]);
  });

  it('still refuses an employee missing from the employees file who has a settlement to carry', () => {
    const r = readSettlements(file('1001,山田,adjusted,-115270\n1004,佐藤,adjusted,-3000\n'), new Set(['1001']));
    expect(r.problems.map((p) => [p.row, p.column, p.value])).toEqual([[3, 'employee_id', '1004']]);
  });
});

describe('settlementPayProblems: a settlement goes only into the pay it was computed with', () => {
  const result = (year: string, through: string) => ({
    file: 'nencho.csv',
    data: `employee_id,difference,year,summed_through\n1001,-115270,${year},${through}\n1002,3000,${year},${through}\n`,
  });
  const said = (payDate: string, input: { file: string; data: string }) =>
    settlementPayProblems(payDate, input).map((p) => [p.file, p.row, p.column, p.value, p.message_en]);

  it('takes the year’s result in the December pay it summed, a later December pay of the year not', () => {
    expect(said('2026-12-25', result('2026', '2026-12-25'))).toEqual([]);
    // The year-end settled in December's bonus, the salary of the 25th summed ahead: both are December's.
    expect(said('2026-12-10', result('2026', '2026-12-25'))).toEqual([]);
    // Summed through November: December's pay and its withholding are not in the year's tax.
    expect(said('2026-12-25', result('2026', '2026-11-25'))).toEqual([
      [
        'nencho.csv',
        2,
        'summed_through',
        '2026-11-25',
        'this 年末調整 summed the pays up to 2026-11-25 and not this pay of 2026-12-25: run this pay plainly first, give its output to urakata nencho with the others, then run it again with --year-end',
      ],
    ]);
    // The pay of 12-30 (January's, moved back from a holiday) in a year summed through 12-25.
    expect(said('2026-12-30', result('2026', '2026-12-25'))).toHaveLength(1);
  });

  it('takes the year’s result in January of the next year (the adjustment after December’s pay), whatever it summed', () => {
    expect(said('2027-01-25', result('2026', '2026-12-25'))).toEqual([]);
    expect(said('2027-01-25', result('2026', ''))).toEqual([]);
  });

  it('refuses a result of another year, at its row', () => {
    const wrongYear = [
      'nencho.csv',
      2,
      'year',
      '2026',
      'this is the 年末調整 of 2026: it is settled in a pay of December 2026 or January 2027, not in the pay of 2026-01-25',
    ];
    expect(said('2026-01-25', result('2026', '2026-12-25'))).toEqual([wrongYear]);
    expect(said('2027-12-25', result('2026', '2026-12-25'))).toEqual([
      [...wrongYear.slice(0, 4), wrongYear[4]?.toString().replace('2026-01-25', '2027-12-25')],
    ]);
    expect(said('2028-01-25', result('2026', '2026-12-25'))).toHaveLength(1);
    // Two years in one file: the row of the other is named.
    const mixed = {
      file: 'nencho.csv',
      data: 'employee_id,difference,year,summed_through\n1001,-1,2026,2026-12-25\n1002,-1,2025,2025-12-25\n',
    };
    expect(said('2026-12-25', mixed).map((p) => [p[1], p[2], p[3]])).toEqual([[3, 'year', '2025']]);
  });

  it('cannot check a result from totals (no pay dates summed): the year alone is checked', () => {
    expect(said('2026-12-25', result('2026', ''))).toEqual([]);
  });

  it('refuses a result without its 年分 (a file of an older Urakata, or not a nencho result), saying to run nencho again', () => {
    const old = { file: 'nencho.csv', data: 'employee_id,difference\n1001,-115270\n' };
    const p = settlementPayProblems('2026-12-25', old);
    expect(p.map((x) => [x.file, x.column])).toEqual([['nencho.csv', 'year']]);
    expect(p[0]?.message_ja).toContain('urakata nencho');
  });

  it('keeps the month rule: a June pay never carries the year’s refunds', () => {
    expect(said('2026-06-25', result('2026', '2026-12-25')).map((p) => p[4])).toEqual([
      expect.stringContaining('the 年末調整 settlement goes into a December or January pay'),
    ]);
  });
});
