/**
 * Writing a run's outputs into folders the user shares with other files and other users: the
 * tidying before a run removed any `.name.<digits>.tmp` of anyone's (a user's `.notes.20260630.tmp`
 * was deleted), and stopped with a stack trace at a name it could not remove; two outputs named
 * alike (`--out same.txt --zengin same.txt`) crashed among the renames with one file written over
 * the other and the run's journal left behind; and an output that could not be replaced left the
 * others of the run already replaced.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base, dir, err, run, usePayrollFolder } from './payroll-folder.js';

vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  return { ...real, rename: vi.fn(real.rename) };
});

usePayrollFolder();
afterEach(() => vi.mocked(fsp.rename).mockClear());

const leftovers = () => readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.old') || f.includes('journal'));
const zengin = ['--zengin', 'z.txt', '--company', 'company.json'];

describe('outputs among the user’s own files', () => {
  it('leaves a file of the user’s that only looks like a temp (.notes.20260630.tmp) alone', async () => {
    writeFileSync(join(dir, '.notes.20260630.tmp'), 'my notes');
    expect(await run(...base, '--out', 'p.csv')).toBe(0);
    expect(readFileSync(join(dir, '.notes.20260630.tmp'), 'utf8')).toBe('my notes');
  });

  it('goes on past a name of a dead run it cannot remove (a folder: another user’s, or not ours)', async () => {
    for (const name of ['.theirs.csv.urakata-999999999.tmp', '.theirs.99999.tmp']) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'inside'), 'x');
    }
    expect(await run(...base, '--out', 'p.csv')).toBe(0);
    expect(existsSync(join(dir, 'p.csv'))).toBe(true);
    expect(existsSync(join(dir, '.theirs.csv.urakata-999999999.tmp', 'inside'))).toBe(true);
    expect(existsSync(join(dir, '.theirs.99999.tmp', 'inside'))).toBe(true);
  });

  it('refuses two outputs named as one file, naming it, and writes nothing', async () => {
    writeFileSync(join(dir, 'same.txt'), 'before');
    expect(await run(...base, '--out', 'same.txt', '--zengin', './same.txt', '--company', 'company.json')).toBe(1);
    expect(err).toContain('same.txt');
    expect(err).toContain('同じファイル');
    expect(readFileSync(join(dir, 'same.txt'), 'utf8')).toBe('before');
    expect(leftovers()).toEqual([]);
  });

  it('an output that cannot be replaced leaves every output of the run as it was, and no temp or journal', async () => {
    writeFileSync(join(dir, 'p.csv'), 'last month');
    writeFileSync(join(dir, 'z.txt'), 'last month’s transfers');
    const real = (await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises')).rename;
    // As in a shared folder where z.txt belongs to another user: it cannot be moved or replaced.
    vi.mocked(fsp.rename).mockImplementation(async (from, to) => {
      if (String(from).endsWith('/z.txt') || String(to).endsWith('/z.txt'))
        throw Object.assign(new Error('not permitted'), { code: 'EPERM' });
      return real(from, to);
    });
    expect(await run(...base, '--out', 'p.csv', ...zengin)).toBe(1);
    expect(err).toContain('z.txt');
    expect(err).toContain('EPERM');
    expect(readFileSync(join(dir, 'p.csv'), 'utf8')).toBe('last month');
    expect(readFileSync(join(dir, 'z.txt'), 'utf8')).toBe('last month’s transfers');
    expect(leftovers()).toEqual([]);
  });
});
