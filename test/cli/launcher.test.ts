import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/urakata.js');
const list = join(root, 'node_modules/.cache/urakata/inputs.json');

const urakata = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
const built = () => JSON.parse(readFileSync(list, 'utf8')) as { dir: string; inputs: [string, number, number][] };

describe('bin/urakata.js: the CLI from a bundle of its sources, made again when one changes', () => {
  it('runs a command from the bundle, which lists the sources it was made from', () => {
    const r = urakata('reconcile', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('urakata reconcile --bank FILE --open-items FILE');
    const { dir, inputs } = built();
    expect(existsSync(join(root, 'node_modules/.cache/urakata', dir, 'urakata.mjs'))).toBe(true);
    expect(existsSync(join(root, 'node_modules/.cache/urakata', dir, 'invoice-worker.mjs'))).toBe(true);
    const files = inputs.map(([f]) => f);
    expect(files).toContain('cli/reconcile.ts');
    expect(files).toContain('core/reconcile/match.ts');
    expect(files.every((f) => !f.startsWith('node_modules/'))).toBe(true);
  });

  it('bundles again when a source file changes, and not when none does', () => {
    expect(urakata('--help').status).toBe(0);
    const before = built().dir;
    expect(urakata('--help').status).toBe(0);
    expect(built().dir).toBe(before);
    const source = join(root, 'cli/commands.ts');
    const { atime, mtime } = statSync(source);
    try {
      utimesSync(source, atime, new Date(mtime.getTime() + 1000));
      const r = urakata('bonus', '--help');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('urakata bonus');
      expect(built().dir).not.toBe(before);
    } finally {
      utimesSync(source, atime, mtime);
    }
  });
});
