/**
 * Issue 19, finding 3 — employee ids that become the same file name put one person's pay on
 * another's payslip: E/1, E_1 and E:1 all became E_1.pdf, the one payslip left held E:1's salary,
 * the run then crashed — and the payroll CSV and the 全銀 file had already been written.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base, dir, err, run, usePayrollFolder } from './payroll-folder.js';

usePayrollFolder();

describe('issue 19 finding 3: employee ids that become the same file name', () => {
  it('writes nothing when one output cannot be written (payslips into a path that is a file)', async () => {
    writeFileSync(join(dir, 'slips'), 'a file, not a folder');
    const code = await run(...base, '--out', 'p2.csv', '--zengin', 'z2.txt', '--company', 'company.json', '--payslips', 'slips');
    expect(code).toBe(1);
    expect(err).toContain('出力を書けません');
    expect([existsSync(join(dir, 'p2.csv')), existsSync(join(dir, 'z2.txt'))]).toEqual([false, false]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives employees whose ids make the same file name one payslip each (E/1, E_1, E:1)', async () => {
    const [header, first] = readFileSync(join(dir, 'employees.csv'), 'utf8').split('\n');
    const rows = ['E/1', 'E_1', 'E:1'].map((id, i) => `${id}${(first ?? '').slice(4).replace('380000', String(300000 + i * 10000))}`);
    writeFileSync(join(dir, 'same.csv'), `${header}\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'none.csv'), '社員番号\n');
    expect(
      await run(
        'payroll',
        '--employees',
        'same.csv',
        '--attendance',
        'none.csv',
        '--pay-date',
        '2026-05-25',
        '--payslips',
        'ps',
        '--out',
        'p.csv',
      ),
    ).toBe(0);
    expect(readdirSync(join(dir, 'ps')).sort()).toEqual(['E_1.pdf', 'E_1~2.pdf', 'E_1~3.pdf']);
    const sizes = new Set(['E_1.pdf', 'E_1~2.pdf', 'E_1~3.pdf'].map((f) => readFileSync(join(dir, 'ps', f)).toString('latin1')));
    expect(sizes.size).toBe(3);
  });
});
