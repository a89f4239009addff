/**
 * Issue 19, finding 11 — memory: a 200 MB bank file took 4.4 GB through reconcile (6.1 GB measured
 * here) and a 50 MB field 4.7 GB in an invoice worker. Each command now refuses an input file past
 * its limit by the file's size, before reading any of it (docs/design.md §6); a field past 10,000
 * characters is refused by the table reader (finding 2).
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../cli/io.js';
import { main } from '../../cli/main.js';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let err: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-memory-'));
  err = '';
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const urakata = (...args: string[]) =>
  main(args, {
    out: () => undefined,
    err: (t) => {
      err += t;
    },
    cwd: dir,
  });

/** A file of `size` bytes that takes no disk space (sparse): only its size is ever looked at. */
function sparse(name: string, size: number): void {
  const fd = openSync(join(dir, name), 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
}

describe('issue 19 finding 11: memory', () => {
  it('reconcile refuses a bank file one byte past the limit by its size, reading none of it, and writes nothing', async () => {
    expect(MAX_INPUT_BYTES).toBe(64 * 2 ** 20);
    sparse('bank.csv', MAX_INPUT_BYTES + 1);
    writeFileSync(join(dir, 'open-items.csv'), readFileSync(join(root, 'examples/reconcile/open-items.csv')));
    const before = process.memoryUsage().arrayBuffers;
    expect(await urakata('reconcile', '--bank', 'bank.csv', '--open-items', 'open-items.csv', '--out', 'r.csv')).toBe(1);
    expect(err).toContain(
      'bank.csv: ファイルが大きすぎます（64.0 MB。このコマンドが読むのは 64 MB まで）。分けて処理してください。何も読んでいません',
    );
    // Not read: 64 MB of it never came into memory.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20);
    expect(existsSync(join(dir, 'r.csv'))).toBe(false);
  });

  it('payroll refuses an employees file past the limit, and reads a smaller one', async () => {
    sparse('employees.csv', MAX_INPUT_BYTES + 1);
    writeFileSync(join(dir, 'attendance.csv'), readFileSync(join(root, 'examples/payroll/attendance.csv')));
    expect(await urakata('payroll', '--employees', 'employees.csv', '--attendance', 'attendance.csv', '--pay-date', '2026-05-25')).toBe(1);
    expect(err).toContain('employees.csv: ファイルが大きすぎます');
    err = '';
    sparse('employees.csv', 1024);
    expect(await urakata('payroll', '--employees', 'employees.csv', '--attendance', 'attendance.csv', '--pay-date', '2026-05-25')).toBe(1);
    expect(err).not.toContain('大きすぎます');
  });
});
