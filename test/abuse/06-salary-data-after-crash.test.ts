/**
 * Issue 19, finding 6 — salary data left behind after a crash: kill -9 during urakata payroll
 * --payslips left hidden .tmp payslips and 全銀 file readable by others, never cleaned by the next
 * run; a kill among the final renames left the CSV and 全銀 file with 15 of 20,000 payslips.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base, dir, run, usePayrollFolder } from './payroll-folder.js';

usePayrollFolder();

describe('issue 19 finding 6: salary data left behind after a crash', () => {
  it('writes salary files readable by their owner only, and removes the temps a killed run left', async () => {
    // A run killed (kill -9) before its renames left these; pid 999999999 is no process, pid 1 always is.
    writeFileSync(join(dir, '.p.csv.urakata-999999999.tmp'), 'half a payroll');
    writeFileSync(join(dir, '.old.csv.urakata-999999999.old'), 'last month, moved aside');
    writeFileSync(join(dir, '.p.csv.urakata-1.tmp'), 'another run still writing');
    expect(await run(...base, '--out', 'p.csv')).toBe(0);
    expect(statSync(join(dir, 'p.csv')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.old'))).toEqual(['.p.csv.urakata-1.tmp']);
  });

  it('completes the files of a run killed among its renames, on the next run that writes there', async () => {
    // As a run (pid 999999999, gone) leaves them when killed after renaming its table: the 全銀
    // file and a payslip still in their temps, and its journal in both folders.
    mkdirSync(join(dir, 'ps'));
    const dead = 999_999_999;
    const temp = (f: string) => join(dir, f.includes('/') ? `ps/.${f.split('/')[1]}.urakata-${dead}.tmp` : `.${f}.urakata-${dead}.tmp`);
    writeFileSync(join(dir, 'old.csv'), 'renamed already');
    writeFileSync(temp('old-zengin.txt'), 'the transfer file');
    writeFileSync(temp('ps/1001.pdf'), 'a payslip');
    const journal = JSON.stringify({
      renames: [
        [temp('old.csv'), join(dir, 'old.csv')],
        [temp('old-zengin.txt'), join(dir, 'old-zengin.txt')],
        [temp('ps/1001.pdf'), join(dir, 'ps', '1001.pdf')],
        // A rename a planted journal might ask for: not beside its output under our naming, so left alone.
        [join(dir, 'employees.csv'), join(dir, 'stolen.csv')],
      ],
    });
    writeFileSync(join(dir, `.urakata-run.${dead}.journal`), journal);
    writeFileSync(join(dir, 'ps', `.urakata-run.${dead}.journal`), journal);
    expect(await run(...base, '--out', 'p.csv')).toBe(0);
    expect(readFileSync(join(dir, 'old-zengin.txt'), 'utf8')).toBe('the transfer file');
    expect(readFileSync(join(dir, 'ps', '1001.pdf'), 'utf8')).toBe('a payslip');
    expect(existsSync(join(dir, 'stolen.csv'))).toBe(false);
    expect(existsSync(join(dir, 'employees.csv'))).toBe(true);
    expect([...readdirSync(dir), ...readdirSync(join(dir, 'ps'))].filter((f) => f.includes('journal') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('completes a run killed among its renames by the version before, whose temps were named .name.PID.tmp', async () => {
    const dead = 999_999_998;
    writeFileSync(join(dir, `.old-zengin.txt.${dead}.tmp`), 'the transfer file');
    const journal = JSON.stringify({ renames: [[join(dir, `.old-zengin.txt.${dead}.tmp`), join(dir, 'old-zengin.txt')]] });
    writeFileSync(join(dir, `.urakata-run.${dead}.journal`), journal);
    expect(await run(...base, '--out', 'p.csv')).toBe(0);
    expect(readFileSync(join(dir, 'old-zengin.txt'), 'utf8')).toBe('the transfer file');
    expect(readdirSync(dir).filter((f) => f.includes('journal') || f.endsWith('.tmp'))).toEqual([]);
  });
});
