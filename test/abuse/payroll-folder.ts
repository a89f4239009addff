/**
 * A folder holding the payroll samples, made new for each test, and `urakata` run in it: what the
 * CLI cases of the abuse suite share. `dir`, `out` and `err` are the current test's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { main } from '../../cli/main.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/payroll');

export let dir = '';
export let out = '';
export let err = '';

/** Each test gets a new folder with employees.csv, attendance.csv, bonuses.csv and company.json. */
export function usePayrollFolder(): void {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'urakata-abuse-'));
    out = '';
    err = '';
    for (const f of ['employees.csv', 'attendance.csv', 'bonuses.csv', 'company.json'])
      writeFileSync(join(dir, f), readFileSync(join(EXAMPLES, f)));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
}

/** `urakata …` in the folder; its output gathers in `out` and `err`. */
export const run = (...args: string[]): Promise<number> =>
  main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    cwd: dir,
  });

/** A monthly payroll of the samples. */
export const base = ['payroll', '--employees', 'employees.csv', '--attendance', 'attendance.csv', '--pay-date', '2026-05-25'];

/** The invoice lines' columns the invoice cases write. */
export const INVOICE_HEADER = 'invoice_no,issue_date,due_date,customer_id,customer_name,item,quantity,unit_price,tax_rate,note,withholding';

/** `urakata invoices` of these lines with the sample issuer, into `out/` of the folder. */
export function invoices(csv: string): Promise<number> {
  writeFileSync(join(dir, 'lines.csv'), csv);
  writeFileSync(join(dir, 'issuer.json'), readFileSync(resolve(EXAMPLES, '../invoices/issuer.json')));
  return run('invoices', '--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'out', '--jobs', '1');
}

export const errorsCsv = (): string => readFileSync(join(dir, 'out/errors.csv'), 'utf8').replace(/^\uFEFF/, '');
export const manifest = (): Record<string, unknown>[] => JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8'));
