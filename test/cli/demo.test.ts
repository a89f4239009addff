import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

let dir = '';
const printed: string[] = [];
const demo = () => main(['demo'], { out: (t) => printed.push(t), err: (t) => printed.push(t), cwd: dir });
const out = (path: string) => join(dir, '.urakata/demo', path);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-demo-'));
  cpSync(EXAMPLES, join(dir, 'examples'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('urakata demo: every command on the samples, the job a newcomer runs first', () => {
  it('runs every recipe and writes its results under .urakata/demo/', async () => {
    expect(await demo()).toBe(0);
    for (const f of [
      'payroll-2026-12.csv',
      'zengin-salary-2026-12.txt',
      'reconcile.csv',
      'payments-2026-06.csv',
      'zengin-sogo-2026-06.txt',
    ])
      expect(existsSync(out(f)), f).toBe(true);
    // The three journal formats: 弥生 (Shift_JIS, no header), マネーフォワード (header), neutral CSV.
    expect(readdirSync(out('.')).filter((f) => f.startsWith('journal-'))).toEqual([
      'journal-invoices.csv',
      'journal-payments-2026-06-yayoi.txt',
      'journal-payroll-2026-12-yayoi.txt',
      'journal-reconcile-mf.csv',
    ]);
    const manifest = JSON.parse(readFileSync(out('invoices/manifest.json'), 'utf8')) as { invoice_no: string }[];
    expect(manifest.map((e) => e.invoice_no)).toEqual(['INV-2026-05-001', 'INV-2026-05-002', 'INV-2026-05-003', 'CN-2026-05-001']);
  });

  it('runs again after an update that changes an invoice it issued before (its results start afresh)', async () => {
    // What an earlier version issued: the same number with other content. A real register keeps
    // it and refuses the new one; the demo's folder is the demo's own, made anew each run.
    const pdf = out('invoices/CN-2026-05-001.pdf');
    writeFileSync(pdf, Buffer.concat([readFileSync(pdf), Buffer.from('\n% an older version\n')]));
    writeFileSync(out('left-from-before.csv'), 'x\n');
    printed.length = 0;
    expect(await demo(), printed.join('')).toBe(0);
    expect(printed.join('')).not.toContain('conflicts 1');
    expect(existsSync(out('left-from-before.csv'))).toBe(false);
  });

  it('removes nothing in a folder without the samples (it is not a clone), and says so with exit 1', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'urakata-demo-elsewhere-'));
    try {
      writeFileSync(join(elsewhere, 'keep.txt'), 'x');
      cpSync(join(elsewhere, 'keep.txt'), join(elsewhere, '.urakata/demo/keep.txt'), { recursive: true });
      let err = '';
      const code = await main(['demo'], { out: () => {}, err: (t) => (err += t), cwd: elsewhere });
      expect(existsSync(join(elsewhere, '.urakata/demo/keep.txt'))).toBe(true);
      // Not a success: it says where the samples are to be found, and runs nothing.
      expect(code).toBe(1);
      expect(err).toContain('examples/');
      expect(err).toContain('リポジトリ');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
