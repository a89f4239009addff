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

  it('refuses a settlement of an employee missing from the employees file, saying what to do with it', () => {
    // A December leaver adjusted after a December bonus, not in December's salary run: their refund
    // has no pay of theirs to go into here. Left out with a warning, the spreadsheets (which show
    // errors only) would have dropped it without a word: refused, with the way out.
    const r = readSettlements(file('1001,山田,adjusted,-115270\n1004,佐藤,adjusted,-3000\n'), new Set(['1001']));
    expect(r.problems.map((p) => [p.row, p.column, p.value, p.severity ?? 'error'])).toEqual([[3, 'employee_id', '1004', 'error']]);
    expect(r.problems[0]?.message_ja).toContain('還付3,000円');
    expect(r.problems[0]?.message_ja).toContain('この行を年末調整の結果から除いて');
  });
});

describe('settlementPayProblems: a settlement goes only into a pay it was computed with', () => {
  const YEAR = '2026-01-23 2026-02-25 2026-03-25 2026-04-24 2026-05-25 2026-06-25 2026-07-24 2026-08-25 2026-09-25 2026-10-23 2026-11-25';
  const result = (year: string, paid: string) => ({
    file: 'nencho.csv',
    data: `employee_id,difference,year,pay_dates\n1001,-115270,${year},${paid}\n1002,3000,${year},${paid}\n`,
  });
  const said = (payDate: string, input: { file: string; data: string }) =>
    settlementPayProblems(payDate, input).map((p) => [p.file, p.row, p.column, p.value, p.message_en]);

  it('takes the year’s result in a December pay it summed, and no other December pay', () => {
    expect(said('2026-12-25', result('2026', `${YEAR} 2026-12-25`))).toEqual([]);
    // Summed through November: December's pay and its withholding are not in the year's tax.
    expect(said('2026-12-25', result('2026', YEAR))).toEqual([
      [
        'nencho.csv',
        2,
        'pay_dates',
        '2026-01-23 … 2026-11-25 (11)',
        'this 年末調整 did not sum this pay of 2026-12-25 (it summed 11 pays, the last on 2026-11-25): run this pay plainly first, give its output to urakata nencho with the others, then run it again with --year-end',
      ],
    ]);
    // A bonus of 12-24 summed, the salary of 12-22 not: the last date summed is later, but this pay is not among them.
    expect(said('2026-12-22', result('2026', `${YEAR} 2026-12-24`))).toHaveLength(1);
    // The pay of 12-30 (January's, moved back from a holiday) in a year summed to 12-25.
    expect(said('2026-12-30', result('2026', `${YEAR} 2026-12-25`))).toHaveLength(1);
    // A result of one pay: Excel keeps the lone date as a date, which comes back as the ISO date.
    expect(said('2026-12-25', result('2026', '2026/12/25'))).toEqual([]);
  });

  it('does not take a bonus summed on the pay date for the salary of that day (賞与 marked in pay_dates)', () => {
    // The bonus of 12-25 was summed, December's salary of 12-25 was not: its withholding is not in the year's tax.
    expect(said('2026-12-25', result('2026', `${YEAR} 2026-12-25(賞与)`)).map((p) => [p[2], p[3]])).toEqual([
      ['pay_dates', '2026-01-23 … 2026-12-25(賞与) (12)'],
    ]);
    expect(said('2026-12-25', result('2026', `${YEAR} 2026-12-25 2026-12-25(賞与)`))).toEqual([]);
    expect(said('2026-12-25', result('2026', `${YEAR} 2026-12-10（賞与） 2026-12-25`))).toEqual([]);
    // January: a bonus of December alone is no December pay summed.
    expect(said('2027-01-25', result('2026', `${YEAR} 2026-12-10(賞与)`))).toHaveLength(1);
    // A result of bonuses only is not one from totals: its dates are checked.
    expect(said('2026-12-25', result('2026', '2026-07-10(賞与) 2026-12-10(賞与)'))).toHaveLength(1);
    // A mark of another spelling is not read as 賞与: both rows' dates are named.
    expect(said('2026-12-25', result('2026', '2026-12-25(bonus)')).map((p) => p[2])).toEqual(['pay_dates', 'pay_dates']);
  });

  it('takes the year’s result in January of the next year (the adjustment after December’s pay) only when it summed a December pay', () => {
    expect(said('2027-01-25', result('2026', `${YEAR} 2026-12-25`))).toEqual([]);
    expect(said('2027-01-25', result('2026', YEAR)).map((p) => [p[2], p[4]])).toEqual([
      [
        'pay_dates',
        'this 年末調整 summed no pay of December 2026 (the last on 2026-11-25): December’s withholding is not in the year’s tax; give December’s pay to urakata nencho, then settle',
      ],
    ]);
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
    expect(said('2026-01-25', result('2026', `${YEAR} 2026-12-25`))).toEqual([wrongYear]);
    expect(said('2027-12-25', result('2026', `${YEAR} 2026-12-25`))).toEqual([
      [...wrongYear.slice(0, 4), wrongYear[4]?.toString().replace('2026-01-25', '2027-12-25')],
    ]);
    expect(said('2028-01-25', result('2026', `${YEAR} 2026-12-25`))).toHaveLength(1);
    // Two years in one file: the row of the other is named.
    const mixed = {
      file: 'nencho.csv',
      data: 'employee_id,difference,year,pay_dates\n1001,-1,2026,2026-12-25\n1002,-1,2025,2025-12-25\n',
    };
    expect(said('2026-12-25', mixed).map((p) => [p[1], p[2], p[3]])).toEqual([[3, 'year', '2025']]);
  });

  it('cannot check a result from totals (no pay dates summed): the year alone is checked', () => {
    expect(said('2026-12-25', result('2026', ''))).toEqual([]);
  });

  it('refuses a result whose year or pay dates cannot be read, rather than settling it unchecked', () => {
    // Every row unreadable had passed every check, and the settlement had been paid.
    expect(said('2026-12-25', result('令和8年', `${YEAR} 2026-12-25`)).map((p) => [p[1], p[2], p[3]])).toEqual([
      [2, 'year', '令和8年'],
      [3, 'year', '令和8年'],
    ]);
    expect(said('2026-12-25', result('2026', 'soon')).map((p) => [p[1], p[2], p[3]])).toEqual([
      [2, 'pay_dates', 'soon'],
      [3, 'pay_dates', 'soon'],
    ]);
  });

  it('refuses a result without its 年分 (a file of an older Urakata, or not a nencho result), saying to run nencho again', () => {
    const old = { file: 'nencho.csv', data: 'employee_id,difference\n1001,-115270\n' };
    const p = settlementPayProblems('2026-12-25', old);
    expect(p.map((x) => [x.file, x.column])).toEqual([['nencho.csv', 'year']]);
    expect(p[0]?.message_ja).toContain('urakata nencho');
  });

  it('refuses a result without its pay_dates column (one made before it was written), not taking it for one from totals', () => {
    const old = { file: 'nencho.csv', data: 'employee_id,difference,year,summed_through\n1001,-5000,2026,2026-11-25\n' };
    const p = settlementPayProblems('2026-12-25', old);
    expect(p.map((x) => [x.file, x.column])).toEqual([['nencho.csv', 'pay_dates']]);
    expect(p[0]?.message_ja).toContain('urakata nencho');
  });

  it('keeps the month rule: a June pay never carries the year’s refunds', () => {
    expect(said('2026-06-25', result('2026', `${YEAR} 2026-12-25`)).map((p) => p[4])).toEqual([
      expect.stringContaining('the 年末調整 settlement goes into a December or January pay'),
    ]);
  });
});
