import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/reconcile');
let dir: string;
let out = '';
let err: string;
const io = () => ({
  out: (t: string) => {
    out += t;
  },
  err: (t: string) => {
    err += t;
  },
  cwd: dir,
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-bankrec-'));
  out = '';
  err = '';
  for (const f of ['bank.csv', 'book.csv']) writeFileSync(join(dir, f), readFileSync(join(EXAMPLES, f)));
});
const run = (...args: string[]) => main(['bank-rec', ...args], io());

describe('urakata bank-rec', () => {
  it('writes the statement as CSV: both balances, adjustments, difference 0, 修正仕訳, pairs', async () => {
    expect(await run('--bank', 'bank.csv', '--book', 'book.csv', '--as-of', '2026-06-30', '--out', 'rec.csv')).toBe(0);
    const lines = readFileSync(join(dir, 'rec.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('section,section_ja,date,amount,description,bank_line,book_row,cheque_no,age_days,debit,credit,note');
    const bySection = (s: string) => lines.filter((l) => l.startsWith(`${s},`));
    expect(bySection('bank_balance')[0]).toContain(',2026-06-30,3013352,');
    expect(bySection('book_balance')[0]).toContain(',2026-06-30,2925560,');
    expect(bySection('outstanding_cheque')[0]).toContain(',-88000,');
    expect(bySection('deposit_in_transit')[0]).toContain(',50000,');
    expect(bySection('adjusted_bank')[0]).toContain(',2975352,');
    expect(bySection('adjusted_book')[0]).toContain(',2975352,');
    expect(bySection('difference')[0]).toContain(',0,');
    expect(bySection('journal')).toHaveLength(4);
    expect(bySection('pair')).toHaveLength(8);
    expect(err).toContain('差異 0円');
  });

  it('writes JSON by extension', async () => {
    expect(await run('--bank', 'bank.csv', '--book', 'book.csv', '--as-of', '2026-06-30', '--out', 'rec.json')).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'rec.json'), 'utf8'));
    expect([json.adjustedBank, json.adjustedBook, json.difference]).toEqual([2_975_352, 2_975_352, 0]);
  });

  it('rejects a bad ledger with file, row and column, and writes nothing', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'date,amount,description\n2026-06-31,100,x\n');
    expect(await run('--bank', 'bank.csv', '--book', 'bad.csv', '--as-of', '2026-06-30', '--out', 'rec.csv')).toBe(1);
    expect(err).toContain('bad.csv 2行目 列「date」');
    expect(existsSync(join(dir, 'rec.csv'))).toBe(false);
  });

  it('prints the CSV to stdout without --out', async () => {
    expect(await run('--bank', 'bank.csv', '--book', 'book.csv', '--as-of', '2026-06-30')).toBe(0);
    expect(out).toMatch(/^section,section_ja,/);
    expect(out).toContain('difference,差異,2026-06-30,0,');
  });

  it('exits 2 without --as-of', async () => {
    expect(await run('--bank', 'bank.csv', '--book', 'book.csv')).toBe(2);
  });
});

describe('urakata bank-rec --pdf', () => {
  it('writes a Japanese PDF report whose text carries both adjusted balances', async () => {
    expect(
      await run('--bank', 'bank.csv', '--book', 'book.csv', '--as-of', '2026-06-30', '--pdf', 'rec.pdf', '--company', '株式会社ウラカタ'),
    ).toBe(0);
    const pdf = readFileSync(join(dir, 'rec.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { execFileSync } = await import('node:child_process');
    let text = '';
    try {
      text = execFileSync('pdftotext', ['-layout', join(dir, 'rec.pdf'), '-'], { encoding: 'utf8' });
    } catch {
      return; // poppler-utils not installed: the header check above is all we can do
    }
    expect(text).toContain('銀行勘定調整表');
    expect(text).toContain('令和8年6月30日');
    expect(text.match(/2,975,352/g)).toHaveLength(2); // adjusted bank = adjusted book
    expect(text).toContain('未取付小切手');
    expect(text).toContain('支払手数料');
  });
});
