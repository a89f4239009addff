import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { file03Accounts } from '../core/zengin/statement/build-record.js';

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
  it('asks which account of a 全銀 statement holding several, and reconciles the one named by --bank-account', async () => {
    writeFileSync(
      join(dir, 'meisai.txt'),
      file03Accounts([
        { number: 1234567, opening: 1_000_000, lines: [{ inquiry: '00000001', date: '080605', io: 1, kind: '11', amount: 30_000 }] },
        { number: 7654321, opening: 5_000_000, lines: [{ inquiry: '00000002', date: '080606', io: 2, kind: '14', amount: 70_000 }] },
      ]),
    );
    writeFileSync(
      join(dir, 'b.csv'),
      'date,amount,description,voucher,cheque_no\n2026-06-01,5000000,前月繰越,,\n2026-06-06,-70000,口座振替,P1,\n',
    );
    const args = ['--bank', 'meisai.txt', '--book', 'b.csv', '--as-of', '2026-06-30', '--out', 'rec.json'];
    expect(await run(...args)).toBe(1);
    expect(err).toContain('口座が2つあります');
    expect(existsSync(join(dir, 'rec.json'))).toBe(false);
    expect(await run(...args, '--bank-account', '7654321')).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'rec.json'), 'utf8'))).toMatchObject({
      bankBalance: 4_930_000,
      bookBalance: 4_930_000,
      difference: 0,
    });
  });

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

describe('urakata bank-rec: what it prints to standard output', () => {
  it('prints the statement only once its PDF is in place: a PDF that cannot be written prints nothing', async () => {
    writeFileSync(join(dir, 'notadir'), 'a file, not a folder');
    expect(await run('--bank', 'bank.csv', '--book', 'book.csv', '--as-of', '2026-06-30', '--pdf', 'notadir/rec.pdf')).not.toBe(0);
    expect(out).toBe('');
  });
});
