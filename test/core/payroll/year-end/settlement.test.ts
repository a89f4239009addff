import { describe, expect, it } from 'vitest';
import { readSettlements } from '../../../../core/payroll/year-end/settlement.js';

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
