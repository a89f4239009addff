/** `--journal FILE --journal-format yayoi|mf|csv [--accounts FILE]` on the commands that produce a run. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { decodeCp932 } from '../../core/csv/encoding.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

let dir: string;
let err: string;
const io = () => ({
  out: () => undefined,
  err: (t: string) => {
    err += t;
  },
  cwd: dir,
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-journal-'));
  err = '';
  for (const f of [
    'payroll/employees.csv',
    'payroll/attendance.csv',
    'payroll/bonuses.csv',
    'reconcile/bank.csv',
    'reconcile/open-items.csv',
    'payroll/declarations.csv',
    'payroll/year-totals.csv',
    'invoices/lines.csv',
    'invoices/issuer.json',
  ])
    writeFileSync(join(dir, f.split('/')[1] ?? f), readFileSync(join(EXAMPLES, f)));
});

const run = (...args: string[]) => main(args, io());
const payroll = ['payroll', '--employees', 'employees.csv', '--attendance', 'attendance.csv', '--pay-date', '2026-05-25', '--out', 'p.csv'];
const lines = (file: string, shiftJis = false) => {
  const bytes = readFileSync(join(dir, file));
  return (shiftJis ? decodeCp932(bytes) : bytes.toString('utf8').replace(/^\uFEFF/, '')).trimEnd().split('\r\n');
};

describe('--journal', () => {
  it('payroll: the 弥生 file beside the table, 2110 … 2101 then 2000, net pay equal to the table’s', async () => {
    expect(await run(...payroll, '--journal', 'j.txt', '--journal-format', 'yayoi')).toBe(0);
    const rows = lines('j.txt', true).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual(['2110', ...Array(8).fill('2100'), '2101', '2000']);
    const table = lines('p.csv').map((l) => l.split(','));
    const net = table[0]?.indexOf('net_pay') ?? -1;
    const totalNet = table.slice(1).reduce((s, r) => s + Number(r[net]), 0);
    expect(rows[9]?.slice(10, 15)).toEqual(['普通預金', '', '', '対象外', String(totalNet)]);
  });

  it('an account map from the user: net pay to 未払金; a bad row rejects the run and nothing is written', async () => {
    writeFileSync(join(dir, 'accounts.csv'), '種類,勘定科目,補助科目\n差引支給額,未払金,給与\n');
    expect(await run(...payroll, '--journal', 'j.csv', '--accounts', 'accounts.csv')).toBe(0);
    expect(lines('j.csv').some((l) => l.includes(',credit,未払金,給与,'))).toBe(true);

    writeFileSync(join(dir, 'bad.csv'), 'kind,account\nsalaries,給料\n');
    rmSync(join(dir, 'p.csv'));
    expect(await run(...payroll, '--journal', 'j2.csv', '--accounts', 'bad.csv')).toBe(1);
    expect(err).toContain('bad.csv 2行目 列「kind」');
    expect([existsSync(join(dir, 'p.csv')), existsSync(join(dir, 'j2.csv'))]).toEqual([false, false]);
  });

  it('a name Shift_JIS cannot hold rejects the run with the 弥生 format, writing nothing', async () => {
    writeFileSync(join(dir, 'accounts.csv'), 'kind,account,sub_account\nnet_pay,普通預金,🏦\n');
    expect(await run(...payroll, '--journal', 'j.txt', '--journal-format', 'yayoi', '--accounts', 'accounts.csv')).toBe(1);
    expect(err).toContain('貸方補助科目');
    expect(readdirSync(dir).filter((f) => f.startsWith('p.csv') || f.startsWith('j.txt') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('bonus and reconcile write their journals with their results', async () => {
    const bonus = ['bonus', '--employees', 'employees.csv', '--bonuses', 'bonuses.csv', '--pay-date', '2026-12-10', '--out', 'b.csv'];
    expect(await run(...bonus, '--journal', 'bj.csv', '--journal-format', 'mf')).toBe(0);
    expect(lines('bj.csv', true)[1]).toMatch(/^1,2026\/12\/10,賞与,/);
    const reconcile = ['reconcile', '--bank', 'bank.csv', '--open-items', 'open-items.csv', '--out', 'r.csv'];
    expect(await run(...reconcile, '--journal', 'rj.csv')).toBe(0);
    const applied = lines('r.csv').filter((l) => l.includes(',auto,')).length;
    expect(
      new Set(
        lines('rj.csv')
          .slice(1)
          .map((l) => l.split(',')[0]),
      ).size,
    ).toBe(applied);
  });

  it('nencho books the year’s settlement on 31 December; invoices books only what the run issues', async () => {
    const nencho = [
      'nencho',
      '--year',
      '2026',
      '--employees',
      'employees.csv',
      '--declarations',
      'declarations.csv',
      '--totals',
      'year-totals.csv',
    ];
    expect(await run(...nencho, '--out', 'n.csv', '--journal', 'nj.csv')).toBe(0);
    const settled = lines('nj.csv').slice(1);
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.every((l) => l.startsWith('1,2026-12-31,'))).toBe(true);

    const invoices = ['invoices', '--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'inv', '--jobs', '1'];
    expect(await run(...invoices, '--journal', 'ij.csv')).toBe(0);
    const issued = readdirSync(join(dir, 'inv')).filter((f) => f.endsWith('.pdf')).length;
    expect(
      new Set(
        lines('ij.csv')
          .slice(1)
          .map((l) => l.split(',')[0]),
      ).size,
    ).toBe(issued);
    expect(await run(...invoices, '--journal', 'ij2.csv')).toBe(0);
    expect(lines('ij2.csv')).toHaveLength(1);
  });

  it('invoices: an invoice whose 仕訳 the format cannot hold is not issued; the others are, and booked', async () => {
    // 𠮷 is not in Shift_JIS: the 弥生 file cannot name this customer. It had been issued first and
    // the journal then refused whole: the good invoices issued, never booked, and a rerun found
    // them unchanged and booked nothing.
    const text = readFileSync(join(dir, 'lines.csv'), 'utf8').replace(/株式会社テスト物産/g, '𠮷野家商事');
    writeFileSync(join(dir, 'lines.csv'), text);
    const invoices = ['invoices', '--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'inv', '--jobs', '1'];
    expect(await run(...invoices, '--journal', 'y.txt', '--journal-format', 'yayoi')).toBe(1);
    const pdfs = readdirSync(join(dir, 'inv')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
    expect(pdfs.some((f) => f.startsWith('INV-2026-05-001'))).toBe(false);
    expect(err).toContain('INV-2026-05-001');
    const booked = decodeCp932(readFileSync(join(dir, 'y.txt')));
    for (const pdf of pdfs) expect(booked).toContain(pdf.replace(/\.pdf$/, ''));
    expect(booked).not.toContain('INV-2026-05-001');
  });

  it('usage: an unknown format, or --journal-format without --journal, is exit 2', async () => {
    expect(await run(...payroll, '--journal', 'j.csv', '--journal-format', 'freee')).toBe(2);
    expect(err).toContain('yayoi / mf / csv');
    expect(await run(...payroll, '--journal-format', 'mf')).toBe(2);
    expect(existsSync(join(dir, 'p.csv'))).toBe(false);
  });
});
