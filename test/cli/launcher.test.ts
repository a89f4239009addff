import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../..');
/**
 * A copy of the CLI's sources with the repository's packages linked in, so that editing a source
 * here changes no bundle another test runs from.
 */
let root = '';
const cache = () => join(root, 'node_modules/.cache/urakata');
const built = () =>
  JSON.parse(readFileSync(join(cache(), 'build.json'), 'utf8')) as { dir: string; inputs: [string, string][]; outputs: [string, number][] };
const urakata = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/urakata.js'), ...args], { cwd: root, encoding: 'utf8' });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'urakata-launcher-'));
  for (const part of ['bin', 'cli', 'core', 'functions', 'scripts/build-cli.mjs', 'tsconfig.json', 'package.json'])
    cpSync(join(repo, part), join(root, part), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(repo, 'node_modules')))
    if (name !== '.cache') symlinkSync(join(repo, 'node_modules', name), join(root, 'node_modules', name));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bin/urakata.js: the CLI from a bundle of its sources, made again when one changes', () => {
  it('runs a command from the bundle, which lists a hash of each source it was made from and its own files', () => {
    const r = urakata('reconcile', '--help');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('urakata reconcile --bank FILE --open-items FILE');
    const { dir, inputs, outputs } = built();
    expect(existsSync(join(cache(), dir, 'urakata.mjs'))).toBe(true);
    const sources = new Map(inputs);
    expect(sources.get('cli/reconcile.ts')).toMatch(/^[0-9a-f]{64}$/);
    expect(sources.has('core/reconcile/match.ts')).toBe(true);
    expect([...sources.keys()].every((f) => !f.startsWith('node_modules/'))).toBe(true);
    expect(outputs.map(([f]) => f)).toContain('invoice-worker.mjs');
    expect(outputs.map(([f]) => f)).toContain('open-items-worker.mjs');
  });

  it('keeps the bundle when a file is only touched, and bundles again when its bytes change', () => {
    expect(urakata('--help').status).toBe(0);
    const before = built().dir;
    const source = join(root, 'cli/commands.ts');
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    expect(urakata('--help').status).toBe(0);
    expect(built().dir).toBe(before);
    // The same size and the same time as before, other bytes: a file system with coarse times.
    const { atime, mtime, size } = statSync(source);
    writeFileSync(
      source,
      readFileSync(source, 'utf8').replace('match bank deposits to open invoices', 'match bank deposits to open INVOICES'),
    );
    utimesSync(source, atime, mtime);
    expect(statSync(source).size).toBe(size);
    const r = urakata('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('match bank deposits to open INVOICES');
    expect(built().dir).not.toBe(before);
  });

  it('bundles again when its bundle is damaged or gone, instead of failing every run', () => {
    expect(urakata('--help').status).toBe(0);
    const first = built().dir;
    truncateSync(join(cache(), first, 'urakata.mjs'), 100);
    const r = urakata('bonus', '--help');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('urakata bonus');
    const second = built().dir;
    expect(second).not.toBe(first);
    rmSync(join(cache(), second), { recursive: true });
    expect(urakata('bonus', '--help').status).toBe(0);
    expect(built().dir).not.toBe(second);
  });

  it('removes builds no run has loaded for a day when it makes a new one, and keeps those in use', () => {
    const stale = join(cache(), 'build.1000.AbCd12');
    const recent = join(cache(), 'build.2000.EfGh34');
    for (const dir of [stale, recent]) mkdirSync(dir, { recursive: true });
    const dayAndMore = new Date(Date.now() - 25 * 3600_000);
    utimesSync(stale, dayAndMore, dayAndMore);
    writeFileSync(join(root, 'cli/commands.ts'), `${readFileSync(join(root, 'cli/commands.ts'), 'utf8')}\n`);
    expect(urakata('--help').status).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });
});
