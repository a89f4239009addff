import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../cli/invoices.js';
import { csvChunks, sourceEncoding } from '../../cli/invoices/read.js';
import { InvoiceOutputs } from '../../cli/invoices/outputs.js';
import { JournalPending } from '../../cli/invoices/pending.js';
import { lockFolder } from '../../cli/io.js';
import { workerEntry } from '../../cli/invoices/render.js';
import { encodeCp932 } from '../../core/csv/encoding.js';
import { problem } from '../../core/errors.js';
import { readTable } from '../../core/csv/table.js';
import { INVOICE_LINE_COLUMNS } from '../../core/invoice/index.js';

const root = resolve(import.meta.dirname, '../..');
const exampleLines = readFileSync(join(root, 'examples/invoices/lines.csv'), 'utf8');
const exampleIssuer = readFileSync(join(root, 'examples/invoices/issuer.json'), 'utf8');

const HEADER = 'invoice_no,issue_date,due_date,customer_id,customer_name,item,quantity,unit_price,tax_rate,note,withholding';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-invoices-'));
  writeFileSync(join(dir, 'issuer.json'), exampleIssuer);
});

async function invoices(args: string[], files: Record<string, string | Uint8Array> = {}) {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['--issuer', 'issuer.json', '--out', 'out', '--jobs', '1', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: dir,
  });
  return { code, out: out.join(''), err: err.join('') };
}

const manifest = () => JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8')) as Record<string, unknown>[];
const errorsCsv = () => readFileSync(join(dir, 'out/errors.csv'), 'utf8').replace(/^\uFEFF/, '');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** How many times each invoice is booked in a journal CSV: one 売掛金 line per invoice. */
const bookings = (path: string) => {
  const counts = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /,売掛金,.*請求書 (\S+) /.exec(line);
    if (m?.[1]) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  return counts;
};

describe('urakata invoices', () => {
  it('issues one PDF per invoice from Japanese headers, with a manifest entry for each', async () => {
    const r = await invoices(['--in', 'lines.csv'], { 'lines.csv': exampleLines });
    expect(r.code).toBe(0);
    const m = manifest();
    expect(m.map((e) => e.invoice_no)).toEqual(['INV-2026-05-001', 'INV-2026-05-002', 'INV-2026-05-003', 'CN-2026-05-001']);
    expect(m[0]).toEqual({
      invoice_no: 'INV-2026-05-001',
      document: 'invoice',
      customer_id: 'C001',
      customer_name: '株式会社テスト物産',
      issue_date: '2026-05-31',
      due_date: '2026-06-30',
      subtotal_by_rate: { '10': 40900, '8': 6192, '0': 0, out: 0 },
      tax_by_rate: { '10': 4090, '8': 495, '0': 0, out: 0 },
      total: 51677,
      withholding: 0,
      amount_due: 51677,
      file: 'INV-2026-05-001.pdf',
      sha256: sha(join(dir, 'out/INV-2026-05-001.pdf')),
      status: 'issued',
    });
    // 150,000 yen design fee and 3,200 travel cost, 10 %: no 源泉徴収, the issuer being a company.
    expect(m[1]).toMatchObject({ withholding: 0, total: 168520, amount_due: 168520 });
    expect(m[3]).toMatchObject({ document: 'credit', total: -8916 });
    expect(errorsCsv()).toBe('file,row,column,value,message\r\n');
    // The counts named as the Excel pane and the Sheets sidebar name them (core/invoice/batch-counts.ts).
    expect(r.out).toBe(
      '発行 4件・発行済みで変更なし 0件・却下 0件・番号の衝突 0件・警告 0件 → out\nissued 4, unchanged 0, rejected 0, conflicts 0, warnings 0\n',
    );
  });

  it('says a UTF-16 lines file (Excel’s Unicode テキスト) is one, as every other input does', async () => {
    const r = await invoices(['--in', 'lines.csv'], {
      'lines.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, 'utf16le')]),
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain('lines.csv: UTF-16（Unicode テキスト）のファイルです');
  });

  it('refuses a lines file with a header and no line (exit 1): it had issued nothing and exited 0', async () => {
    const r = await invoices(['--in', 'lines.csv'], { 'lines.csv': `${HEADER}\n` });
    expect(r.code).toBe(1);
    expect(r.err).toContain('lines.csv: 請求明細の行がありません（見出しの行だけです） / no invoice lines (only the header)');
  });

  it('rejects every row of an invoice with a bad row, lists them, and issues the others (exit 1)', async () => {
    const csv = [
      HEADER,
      'A-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no',
      'B-1,2026-05-31,2026-06-30,C2,乙社,品目1,1,1000,10,,no',
      'A-1,2026-05-31,2026-06-30,C1,甲社,品目2,1,1000,12,,no',
      'A-1,2026-05-31,2026-06-30,C1,甲社,品目3,1,1000,8,,no',
    ].join('\n');
    const r = await invoices(['--in', 'lines.csv'], { 'lines.csv': csv });
    expect(r.code).toBe(1);
    expect(manifest().map((e) => e.invoice_no)).toEqual(['B-1']);
    expect(existsSync(join(dir, 'out/A-1.pdf'))).toBe(false);
    const rows = errorsCsv().trim().split('\r\n');
    expect(rows[0]).toBe('file,row,column,value,message');
    expect(rows.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'lines.csv,4,tax_rate,12',
      'lines.csv,2,,',
      'lines.csv,5,,',
    ]);
    expect(rows[2]).toContain('同じ請求書の他の行にエラーがあるため');
  });

  it('names the column as the file wrote it in a problem found for a whole invoice (取引日, not transaction_date)', async () => {
    const [header, first] = exampleLines.split('\n');
    const undatedReturn = (first ?? '')
      .replace('INV-2026-05-001', 'R-1')
      .replace(',2026-05-08,', ',,')
      .replace(',10,冊,550,', ',-1,冊,550,');
    const r = await invoices(['--in', 'lines.csv'], { 'lines.csv': `${header}\n${undatedReturn}\n` });
    expect(r.code).toBe(1);
    expect(errorsCsv()).toContain('2,取引日,,返品・値引きの明細には元の取引日が必要です');
    expect(r.err).toContain('lines.csv 2行目 列「取引日」');
  });

  it('groups rows of one invoice even when they are not adjacent', async () => {
    const csv = [
      HEADER,
      'A-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no',
      'B-1,2026-05-31,2026-06-30,C2,乙社,品目1,1,1000,10,,no',
      'A-1,2026-05-31,2026-06-30,C1,甲社,品目2,2.5,1000,8,,no',
    ].join('\n');
    expect((await invoices(['--in', 'lines.csv'], { 'lines.csv': csv })).code).toBe(0);
    // 10 %: 1,000 → 100; 8 %: 2.5 × 1,000 = 2,500 → 200.
    expect(manifest().find((e) => e.invoice_no === 'A-1')).toMatchObject({ total: 3800 });
  });

  it('skips an identical invoice on a rerun and never overwrites one whose content changed', async () => {
    const csv = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no\nB-1,2026-05-31,2026-06-30,C2,乙社,品目1,1,1000,10,,no\n`;
    expect((await invoices(['--in', 'lines.csv'], { 'lines.csv': csv })).code).toBe(0);
    const pdf = join(dir, 'out/A-1.pdf');
    const first = { hash: sha(pdf), mtime: statSync(pdf).mtimeMs };

    const again = await invoices(['--in', 'lines.csv']);
    expect(again.code).toBe(0);
    expect(manifest().map((e) => e.status)).toEqual(['unchanged', 'unchanged']);
    expect(statSync(pdf).mtimeMs).toBe(first.mtime);

    const changed = csv.replace('A-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000', 'A-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,2000');
    const conflict = await invoices(['--in', 'lines.csv'], { 'lines.csv': changed });
    expect(conflict.code).toBe(1);
    expect(sha(pdf)).toBe(first.hash);
    expect(errorsCsv()).toContain('2,invoice_no,A-1,この請求書番号は発行済みで、内容が異なります');
    expect(manifest().map((e) => e.invoice_no)).toEqual(['B-1']);
  });

  it('dates zip entries by their issue day in any time zone, with the same bytes (a UTC host such as Lambda read the day before)', async () => {
    const saved = process.env.TZ;
    const zipUnder = async (tz: string) => {
      process.env.TZ = tz;
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      expect((await invoices(['--in', 'lines.csv', '--zip'], { 'lines.csv': exampleLines })).code).toBe(0);
      return readFileSync(join(dir, 'out/invoices.zip'));
    };
    try {
      const utc = await zipUnder('UTC');
      const tokyo = await zipUnder('Asia/Tokyo');
      expect(utc.equals(tokyo)).toBe(true);
      // First local file header: DOS date at offset 12 (year − 1980, month, day).
      const d = utc.readUInt16LE(12);
      expect([(d >> 9) + 1980, (d >> 5) & 15, d & 31]).toEqual([2026, 5, 31]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('writes JP PINT XML and a zip holding every PDF and XML', async () => {
    const r = await invoices(['--in', 'lines.csv', '--zip', '--pint'], { 'lines.csv': exampleLines });
    expect(r.code).toBe(0);
    const zip = readFileSync(join(dir, 'out/invoices.zip'));
    // End of central directory record: total entries at offset 10.
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(zip.readUInt16LE(eocd + 10)).toBe(8);
    expect(zip.includes(Buffer.from('CN-2026-05-001.xml'))).toBe(true);
    expect(readFileSync(join(dir, 'out/INV-2026-05-001.xml'), 'utf8')).toContain(
      '<cbc:CustomizationID>urn:peppol:pint:billing-1@jp-1</cbc:CustomizationID>',
    );
    expect(manifest()[0]).toMatchObject({ xml_file: 'INV-2026-05-001.xml' });
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('issues the PDF but no XML, with a warning, when inclusive-price rounding leaves the JP PINT window', async () => {
    writeFileSync(join(dir, 'inclusive.json'), exampleIssuer.replace('"prices": "exclusive"', '"prices": "inclusive"'));
    // Gross 1,283,471 at 8 %: tax 95,071 (切捨て) but base 1,188,400 × 8 % = 95,072.
    const csv = `${HEADER},customer_endpoint\nA-1,2026-05-31,2026-06-30,C1,甲社,食品一式,1,1283471,8,,no,0188:6010401765432\nB-1,2026-05-31,2026-06-30,C2,乙社,品目,1,1100,10,,no,0221:T1234567890123\n`;
    const r = await invoices(['--in', 'lines.csv', '--issuer', 'inclusive.json', '--pint'], { 'lines.csv': csv });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'out/A-1.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'out/A-1.xml'))).toBe(false);
    expect(existsSync(join(dir, 'out/B-1.xml'))).toBe(true);
    expect(errorsCsv()).toContain('2,invoice_no,A-1,警告 warning: ');
    expect(manifest()[0]).toMatchObject({ invoice_no: 'A-1', tax_by_rate: { '8': 95071 } });
    expect(manifest()[0]?.xml_file).toBeUndefined();
  });

  it('issues the PDF but no XML, with a warning naming row and column, for a customer without a Peppol id (ibr-080)', async () => {
    const csv = `${HEADER},取引先PeppolID\nA-1,2026-05-31,2026-06-30,C1,甲社,品目,1,1100,10,,no,\nB-1,2026-05-31,2026-06-30,C2,乙社,品目,1,1100,10,,no,0188:6010401765432\nC-1,2026-05-31,2026-06-30,C3,丙社,品目,1,1100,10,,no,0188:T6010401765432\n`;
    const r = await invoices(['--in', 'lines.csv', '--pint'], { 'lines.csv': csv });
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'out/A-1.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'out/A-1.xml'))).toBe(false);
    expect(existsSync(join(dir, 'out/B-1.xml'))).toBe(true);
    // The column as the file wrote it; a malformed id (0188 with "T") rejects its invoice as any bad cell does.
    expect(errorsCsv()).toContain('lines.csv,2,取引先PeppolID,,"警告 warning: 取引先のPeppol ID');
    expect(errorsCsv()).toContain('lines.csv,4,取引先PeppolID,0188:T6010401765432,"0188（法人番号）は「T」を付けない13桁');
    expect(existsSync(join(dir, 'out/C-1.pdf'))).toBe(false);
  });

  it('warns about a header it does not use (a misspelt optional column would silently default)', async () => {
    const csv = `${HEADER.replace('withholding', 'withholdng')}\nA-1,2026-05-31,2026-06-30,C1,甲社,報酬,1,100000,10,,yes\n`;
    const r = await invoices(['--in', 'lines.csv'], { 'lines.csv': csv });
    expect(r.code).toBe(0);
    expect(errorsCsv()).toContain('1,withholdng,,警告 warning: 使われない列です');
  });

  it('lists a row without an invoice number and still issues the rest', async () => {
    const csv = `${HEADER}\n,2026-05-31,2026-06-30,C1,甲社,品目,1,1000,10,,no\nB-1,2026-05-31,2026-06-30,C2,乙社,品目,1,1000,10,,no\n`;
    const r = await invoices(['--in', 'lines.csv'], { 'lines.csv': csv });
    expect(r.code).toBe(1);
    expect(errorsCsv()).toContain('2,invoice_no,,');
    expect(manifest().map((e) => e.invoice_no)).toEqual(['B-1']);
  });

  it('reads Shift_JIS input and keeps file row numbers across a quoted line break', async () => {
    const csv = [
      '請求書番号,請求日,支払期限,取引先コード,取引先名,品目,数量,単価,税率,備考',
      'A-1,令和8年5月31日,2026/6/30,C1,甲社,品目1,1,1000,10,"二行の\r\n備考"',
      'A-1,2026-05-31,2026-06-30,C1,甲社,品目2,1,千円,10,',
    ].join('\r\n');
    const r = await invoices(['--in', 'lines.csv'], { 'lines.csv': encodeCp932(csv) });
    expect(r.code).toBe(1);
    // The bad 単価 is on physical line 4 (the quoted note spans lines 2–3).
    expect(errorsCsv()).toContain('4,単価,千円,');
  });

  it('reads a file with CR-only line ends (CSV saved by old Mac Excel)', async () => {
    const csv = `${HEADER}\rA-1,2026-05-31,2026-06-30,C1,甲社,品目,1,1000,10,,no\rB-1,2026-05-31,2026-06-30,C2,乙社,品目,1,2000,10,,no\r`;
    expect((await invoices(['--in', 'lines.csv'], { 'lines.csv': csv })).code).toBe(0);
    expect(manifest().map((e) => [e.invoice_no, e.total])).toEqual([
      ['A-1', 1100],
      ['B-1', 2200],
    ]);
  });

  it('issues a 0円 invoice (無償点検) and books it as nothing in --journal, the others as ever', async () => {
    const csv = `${HEADER}\nZ-1,2026-05-31,2026-06-30,C1,甲社,無償点検,1,0,10,,no\nB-1,2026-05-31,2026-06-30,C2,乙社,品目1,1,1000,10,,no\n`;
    const r = await invoices(['--in', 'lines.csv', '--journal', 'j.csv'], { 'lines.csv': csv });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(manifest().map((e) => [e.invoice_no, e.total, e.status])).toEqual([
      ['Z-1', 0, 'issued'],
      ['B-1', 1100, 'issued'],
    ]);
    const journal = readFileSync(join(dir, 'j.csv'), 'utf8');
    expect(journal).toContain('請求書 B-1 乙社');
    expect(journal).not.toContain('Z-1');
  });

  it('books on the next run the invoices a run issued when its journal could not be written, once each', async () => {
    // They had been left issued and never booked: the next run found them unchanged and left them out of its journal.
    const csv = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no\nB-1,2026-05-31,2026-06-30,C2,乙社,品目1,1,2000,10,,no\n`;
    mkdirSync(join(dir, 'j.csv/inside'), { recursive: true });
    const first = await invoices(['--in', 'lines.csv', '--journal', 'j.csv'], { 'lines.csv': csv });
    expect(first.code).not.toBe(0);
    expect(existsSync(join(dir, 'out/A-1.pdf')) && existsSync(join(dir, 'out/B-1.pdf'))).toBe(true);
    rmSync(join(dir, 'j.csv'), { recursive: true });

    const second = await invoices(['--in', 'lines.csv', '--journal', 'j.csv']);
    expect(second.code).toBe(0);
    expect(manifest().map((e) => [e.invoice_no, e.status])).toEqual([
      ['A-1', 'unchanged'],
      ['B-1', 'unchanged'],
    ]);
    expect([...bookings(join(dir, 'j.csv'))]).toEqual([
      ['A-1', 1],
      ['B-1', 1],
    ]);
    expect(second.err).toMatch(/A-1.*仕訳が書かれていなかった/);
    expect(errorsCsv()).toMatch(/^lines\.csv,2,invoice_no,A-1,.*warning/m);

    // Booked once: a third run books neither again.
    const third = await invoices(['--in', 'lines.csv', '--journal', 'j3.csv']);
    expect(third.code).toBe(0);
    expect(bookings(join(dir, 'j3.csv')).size).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['A-1.pdf', 'B-1.pdf', 'errors.csv', 'manifest.json']);
  });

  it('a run without --journal leaves the booking to a later run with one, and one whose input lacks the invoice says so and keeps it', async () => {
    const both = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no\nB-1,2026-05-31,2026-06-30,C2,乙社,品目1,1,2000,10,,no\n`;
    const onlyB = `${HEADER}\nB-1,2026-05-31,2026-06-30,C2,乙社,品目1,1,2000,10,,no\n`;
    mkdirSync(join(dir, 'j.csv/inside'), { recursive: true });
    expect((await invoices(['--in', 'lines.csv', '--journal', 'j.csv'], { 'lines.csv': both })).code).not.toBe(0);
    expect((await invoices(['--in', 'lines.csv'])).code).toBe(0);

    const partial = await invoices(['--in', 'b.csv', '--journal', 'jb.csv'], { 'b.csv': onlyB });
    expect(partial.code).toBe(0);
    expect([...bookings(join(dir, 'jb.csv'))]).toEqual([['B-1', 1]]);
    expect(partial.err).toMatch(/A-1.*入力にない/);

    const rest = await invoices(['--in', 'lines.csv', '--journal', 'ja.csv']);
    expect(rest.code).toBe(0);
    expect([...bookings(join(dir, 'ja.csv'))]).toEqual([['A-1', 1]]);
  });

  it('books nothing twice when a run stopped after its journal was in place and before it noted that', async () => {
    // The record a run keeps while its invoices are issued and not yet booked, as a run stopped
    // right after renaming its journal into place leaves it: the journal named there holds them.
    const csv = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no\n`;
    expect((await invoices(['--in', 'lines.csv', '--journal', 'j.csv'], { 'lines.csv': csv })).code).toBe(0);
    const journal = readFileSync(join(dir, 'j.csv'));
    const record = [
      JSON.stringify({ issued: 'A-1' }),
      JSON.stringify({ journal: join(dir, 'j.csv'), sha256: createHash('sha256').update(journal).digest('hex'), booked: ['A-1'] }),
    ];
    writeFileSync(join(dir, 'out/journal-pending.jsonl'), `${record.join('\n')}\n`);
    const again = await invoices(['--in', 'lines.csv', '--journal', 'j2.csv']);
    expect(again.code).toBe(0);
    expect(bookings(join(dir, 'j2.csv')).size).toBe(0);
    expect(existsSync(join(dir, 'out/journal-pending.jsonl'))).toBe(false);

    // The same record when that journal never landed (its bytes differ): they are booked now.
    writeFileSync(join(dir, 'out/journal-pending.jsonl'), `${record.join('\n')}\n`);
    writeFileSync(join(dir, 'j.csv'), 'something else');
    const third = await invoices(['--in', 'lines.csv', '--journal', 'j3.csv']);
    expect([...bookings(join(dir, 'j3.csv'))]).toEqual([['A-1', 1]]);
    expect(third.code).toBe(0);
    // It cannot tell a journal that never landed from one taken away since: it says so.
    expect(third.err).toContain(`仕訳（${join(dir, 'j.csv')}）が作った内容のまま見つからない`);
    expect(third.err).toContain('二重');
  });

  it('refuses a second run on a folder another run is issuing into, and takes over the lock of a run that is gone', async () => {
    // Two runs at once each booked the other's invoices, the second calling them left by an earlier run.
    const csv = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no\n`;
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/.urakata-invoices.lock'), '1\n');
    const busy = await invoices(['--in', 'lines.csv', '--journal', 'j.csv'], { 'lines.csv': csv });
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/別の実行.*1.*another run/);
    expect(existsSync(join(dir, 'out/A-1.pdf'))).toBe(false);
    writeFileSync(join(dir, 'out/.urakata-invoices.lock'), '999999999\n');
    const after = await invoices(['--in', 'lines.csv', '--journal', 'j.csv']);
    expect(after.code).toBe(0);
    expect([...bookings(join(dir, 'j.csv'))]).toEqual([['A-1', 1]]);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['A-1.pdf', 'errors.csv', 'manifest.json']);
    // The message names the lock, to be removed when no run is there.
    expect(busy.err).toContain('.urakata-invoices.lock');
  });

  describe('the folder lock', () => {
    const lockPath = () => join(dir, 'out/.urakata-invoices.lock');
    beforeEach(() => mkdirSync(join(dir, 'out')));

    it('takes over a lock of this very process that it does not hold (a container where every run is pid 1)', async () => {
      writeFileSync(lockPath(), `${process.pid}\n`);
      const lock = await lockFolder(join(dir, 'out'), '.urakata-invoices.lock');
      expect('release' in lock).toBe(true);
      if ('release' in lock) await lock.release();
      expect(existsSync(lockPath())).toBe(false);
    });

    it('takes over a lock from before the machine started (a pid handed out again after a reboot)', async () => {
      writeFileSync(lockPath(), '1 0\n');
      const lock = await lockFolder(join(dir, 'out'), '.urakata-invoices.lock');
      expect('release' in lock).toBe(true);
      if ('release' in lock) await lock.release();
    });

    it('lets one of two runs of one process in, and a release leaves another run’s lock alone', async () => {
      const first = await lockFolder(join(dir, 'out'), '.urakata-invoices.lock');
      const second = await lockFolder(join(dir, 'out'), '.urakata-invoices.lock');
      expect(['release' in first, 'heldBy' in second]).toEqual([true, true]);
      // Taken over meanwhile (this one was thought gone): releasing does not remove the new holder's.
      writeFileSync(lockPath(), '1\n');
      if ('release' in first) await first.release();
      expect(readFileSync(lockPath(), 'utf8')).toBe('1\n');
    });
  });

  it('judges a journal a run stopped among its renames by what that run left, not by what is there later', async () => {
    // Killed after deciding its renames, before the journal was in place: the next run finishes the
    // rename. Hashed before that, the invoices were booked again in the next journal.
    const csv = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no\n`;
    expect((await invoices(['--in', 'lines.csv', '--journal', 'may.csv'], { 'lines.csv': csv })).code).toBe(0);
    const bytes = readFileSync(join(dir, 'may.csv'));
    rmSync(join(dir, 'may.csv'));
    const dead = 999_999_999;
    const temp = join(dir, `.may.csv.urakata-${dead}.tmp`);
    writeFileSync(temp, bytes);
    writeFileSync(join(dir, `.urakata-run.${dead}.journal`), `${JSON.stringify({ renames: [[temp, join(dir, 'may.csv')]] })}\n`);
    const record = [
      { issued: 'A-1' },
      { journal: join(dir, 'may.csv'), sha256: createHash('sha256').update(bytes).digest('hex'), booked: ['A-1'] },
    ];
    writeFileSync(join(dir, 'out/journal-pending.jsonl'), record.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const june = await invoices(['--in', 'lines.csv', '--journal', 'june.csv']);
    expect(june.code).toBe(0);
    expect(bookings(join(dir, 'june.csv')).size).toBe(0);
    expect(readFileSync(join(dir, 'may.csv'))).toEqual(bytes);
  });

  it('reads the record once: a journal replaced after the run that judged it books nothing again', async () => {
    const csv = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no\n`;
    expect((await invoices(['--in', 'lines.csv', '--journal', 'j.csv'], { 'lines.csv': csv })).code).toBe(0);
    const bytes = readFileSync(join(dir, 'j.csv'));
    const record = [
      { issued: 'A-1' },
      { journal: join(dir, 'j.csv'), sha256: createHash('sha256').update(bytes).digest('hex'), booked: ['A-1'] },
    ];
    writeFileSync(join(dir, 'out/journal-pending.jsonl'), record.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const io = { out: () => undefined, err: () => undefined, cwd: dir };
    const pending = await JournalPending.open(io, join(dir, 'out'));
    if (!(pending instanceof JournalPending)) throw new Error(pending.message_en);
    expect([...pending.carried]).toEqual([]);
    // As a run stopped right after opening it leaves the folder: the judged record is gone.
    await pending.close();
    expect(readFileSync(join(dir, 'out/journal-pending.jsonl'), 'utf8')).not.toContain('A-1');
  });

  it('keeps noted, with the reason, an invoice left unbooked that the journal format cannot hold, and books the rest', async () => {
    // It had stopped every later journal of the folder: no journal, and the new invoices never booked.
    const csv = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,𠮷田デザイン事務所,品目1,1,1000,10,,no\n`;
    mkdirSync(join(dir, 'j.csv/inside'), { recursive: true });
    expect((await invoices(['--in', 'lines.csv', '--journal', 'j.csv'], { 'lines.csv': csv })).code).not.toBe(0);
    const more = `${csv}B-1,2026-06-30,2026-07-31,C2,乙社,品目1,1,2000,10,,no\n`;
    const r = await invoices(['--in', 'more.csv', '--journal', 'y.csv', '--journal-format', 'yayoi'], { 'more.csv': more });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/A-1.*𠮷/);
    const yayoi = new TextDecoder('shift_jis').decode(readFileSync(join(dir, 'y.csv')));
    expect(yayoi).toContain('B-1');
    expect(yayoi).not.toContain('A-1');
    expect(readFileSync(join(dir, 'out/journal-pending.jsonl'), 'utf8')).toContain('A-1');
  });

  it('refuses to start on a record that is a link, too large, or names a journal that is not a file (a pipe is not read)', async () => {
    const csv = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no\n`;
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'elsewhere.jsonl'), `${JSON.stringify({ issued: 'X-1' })}\n`);
    symlinkSync(join(dir, 'elsewhere.jsonl'), join(dir, 'out/journal-pending.jsonl'));
    const linked = await invoices(['--in', 'lines.csv', '--journal', 'j.csv'], { 'lines.csv': csv });
    expect(linked.code).toBe(1);
    expect(linked.err).toMatch(/journal-pending\.jsonl/);
    expect(existsSync(join(dir, 'out/A-1.pdf'))).toBe(false);
    rmSync(join(dir, 'out/journal-pending.jsonl'));

    writeFileSync(join(dir, 'out/journal-pending.jsonl'), '');
    truncateSync(join(dir, 'out/journal-pending.jsonl'), 65 * 1024 * 1024);
    const huge = await invoices(['--in', 'lines.csv', '--journal', 'j.csv']);
    expect(huge.code).toBe(1);
    expect(huge.err).toMatch(/journal-pending\.jsonl.*大きすぎ/);
    rmSync(join(dir, 'out/journal-pending.jsonl'));

    // A-1 issued already (its PDF there), noted and unbooked: only judging the pipe's record as no
    // journal in place books it, and reading the pipe would hang the run.
    expect((await invoices(['--in', 'lines.csv'])).code).toBe(0);
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const record = [{ issued: 'A-1' }, { journal: join(dir, 'pipe'), sha256: '0'.repeat(64), booked: ['A-1'] }];
    writeFileSync(join(dir, 'out/journal-pending.jsonl'), record.map((x) => `${JSON.stringify(x)}\n`).join(''));
    const piped = await invoices(['--in', 'lines.csv', '--journal', 'j.csv']);
    expect(piped.code).toBe(0);
    expect([...bookings(join(dir, 'j.csv'))]).toEqual([['A-1', 1]]);
  });

  it('rejects an invoice whose PDF cannot be written (a folder of that name), names its row, issues the rest and leaves no temporary file', async () => {
    const csv = `${HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no\nB-1,2026-05-31,2026-06-30,C2,乙社,品目1,1,1000,10,,no\n`;
    mkdirSync(join(dir, 'out/A-1.pdf/inside'), { recursive: true });
    const r = await invoices(['--in', 'lines.csv'], { 'lines.csv': csv });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/lines\.csv.*2行目.*A-1\.pdf/);
    expect(errorsCsv()).toMatch(/^lines\.csv,2,invoice_no,A-1,.*A-1\.pdf/m);
    expect(manifest().map((e) => e.invoice_no)).toEqual(['B-1']);
    expect(r.out).toContain('発行 1件・発行済みで変更なし 0件・却下 1件');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['A-1.pdf', 'B-1.pdf', 'errors.csv', 'manifest.json']);
  });

  it('an invoice whose PDF is written but whose JP PINT XML cannot be is issued and booked, the XML reported, and written by the next run', async () => {
    const csv = `${HEADER},customer_endpoint\nA-1,2026-05-31,2026-06-30,C1,甲社,品目1,1,1000,10,,no,0188:5010001234566\n`;
    mkdirSync(join(dir, 'out/A-1.xml/inside'), { recursive: true });
    const first = await invoices(['--in', 'lines.csv', '--pint', '--journal', 'j1.csv'], { 'lines.csv': csv });
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/警告 warning: A-1\.xml を書けません/);
    expect(manifest().map((e) => [e.invoice_no, e.status, e.xml_file])).toEqual([['A-1', 'issued', undefined]]);
    expect(readFileSync(join(dir, 'j1.csv'), 'utf8')).toContain('A-1');
    rmSync(join(dir, 'out/A-1.xml'), { recursive: true });
    const again = await invoices(['--in', 'lines.csv', '--pint']);
    expect(again.code).toBe(0);
    expect(existsSync(join(dir, 'out/A-1.xml'))).toBe(true);
  });

  it('a run stopped by an unexpected failure leaves no manifest, errors.csv, zip or temporary file', async () => {
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    const io = { out: () => undefined, err: () => undefined, cwd: dir };
    const out = await InvoiceOutputs.open(io, outDir, 'lines.csv', {}, true);
    await out.report(problem('lines.csv', 2, 'item', 'x', '例', 'example'));
    expect(readdirSync(outDir).sort()).toEqual([
      `.errors.csv.urakata-${process.pid}.tmp`,
      `.invoices.zip.urakata-${process.pid}.tmp`,
      `.manifest.json.urakata-${process.pid}.tmp`,
    ]);
    expect(statSync(join(outDir, `.errors.csv.urakata-${process.pid}.tmp`)).mode & 0o077).toBe(0);
    await out.discard();
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('never writes through a link placed at its temporary names, and writes its files for its owner only', async () => {
    // The temporary files had names anyone could foresee (errors.csv.PID.tmp) and were opened
    // without O_EXCL: a link placed there had the victim's file written over.
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    writeFileSync(join(dir, 'victim.txt'), 'keep me');
    for (const name of ['errors.csv', 'manifest.json', 'invoices.zip']) {
      symlinkSync(join(dir, 'victim.txt'), join(outDir, `.${name}.urakata-${process.pid}.tmp`));
      symlinkSync(join(dir, 'victim.txt'), join(outDir, `${name}.${process.pid}.tmp`));
    }
    const r = await invoices(['--in', 'lines.csv', '--zip'], { 'lines.csv': exampleLines });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('keep me');
    for (const name of ['errors.csv', 'manifest.json', 'invoices.zip']) {
      expect(lstatSync(join(outDir, name)).isFile()).toBe(true);
      expect(statSync(join(outDir, name)).mode & 0o077).toBe(0);
    }
  });

  it('removes what a run that was killed left in the folder (its temporary files of a process gone)', async () => {
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    // A process id no process has: 2^22 + 1 is above Linux's pid_max limit.
    const gone = 2 ** 22 + 1;
    const left = [
      `.invoices.zip.urakata-${gone}.tmp`,
      `.manifest.json.urakata-${gone}.tmp`,
      `.INV-1.pdf.urakata-${gone}.tmp`,
      `errors.csv.${gone}.tmp`,
    ];
    for (const name of left) writeFileSync(join(outDir, name), 'half written');
    writeFileSync(join(outDir, 'notes.123.tmp'), 'not ours');
    expect((await invoices(['--in', 'lines.csv'], { 'lines.csv': exampleLines })).code).toBe(0);
    const names = readdirSync(outDir);
    for (const name of left) expect(names).not.toContain(name);
    expect(names).toContain('notes.123.tmp');
  });

  it('rejects a file with a record longer than any invoice line (an unclosed quote), naming its row, writing nothing', async () => {
    // It had kept the record growing to the end of the file: 600 MB of it ended in an uncaught
    // RangeError (Invalid string length), with 2.7 GB in use.
    const open = `INV-1,2026-05-31,2026-06-30,C1,"株式会社テスト${'x'.repeat(2_100_000)}`;
    const r = await invoices(['--in', 'lines.csv'], {
      'lines.csv': `${HEADER}\nINV-0,2026-05-31,2026-06-30,C1,甲社,保守,1,1000,10,,no\n${open}\n`,
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain('lines.csv 3行目');
    expect(r.err).toContain('1,000,000');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('rejects the whole file when a required column is missing, writing nothing', async () => {
    const r = await invoices(['--in', 'lines.csv'], { 'lines.csv': 'invoice_no,item\nA-1,x\n' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('必須の列');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('issues for a sole proprietor whose number is not a 法人番号 (a warning to check it), and refuses a malformed number', async () => {
    writeFileSync(join(dir, 'sole.json'), exampleIssuer.replace('T5010001234566', 'T6010001234566'));
    const ok = await invoices(['--in', 'lines.csv', '--issuer', 'sole.json'], { 'lines.csv': exampleLines });
    expect(ok.code).toBe(0);
    expect(ok.err).toMatch(/列「registration_number」.*警告 warning: 自社の登録番号/);
    expect(existsSync(join(dir, 'out'))).toBe(true);
    writeFileSync(join(dir, 'bad.json'), exampleIssuer.replace('T5010001234566', 'T501000123456'));
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    const bad = await invoices(['--in', 'lines.csv', '--issuer', 'bad.json'], { 'lines.csv': exampleLines });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('registration_number');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('names a folder given as the lines, without a stack trace', async () => {
    mkdirSync(join(dir, 'lines'));
    const r = await invoices(['--in', 'lines']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('lines');
    expect(r.err).toContain('EISDIR');
    expect(r.err).not.toMatch(/\bat (async )?\w/);
  });

  it('exits 2 with the usage when --in is missing', async () => {
    expect((await invoices([])).code).toBe(2);
  });
});

describe('streamed input', () => {
  it('gives the same rows in small chunks as reading the whole file (multibyte and quoted line breaks cut anywhere)', async () => {
    const csv = `${exampleLines.trim()}\nX-1,2026-05-31,2026-06-30,C9,"改行
入りの取引先",御中,,,,"品目, ""引用""",1,個,100,10,,no\n`;
    const path = join(dir, 'lines.csv');
    writeFileSync(path, encodeCp932(csv));
    const whole = readTable(encodeCp932(csv), INVOICE_LINE_COLUMNS, { file: 'f' });
    for (const size of [5, 17, 64]) {
      const seen: { row: number; value: unknown }[] = [];
      let header = '';
      for await (const c of csvChunks(path, await sourceEncoding(path, size), size)) {
        if ('header' in c) header = c.header;
        else {
          const t = readTable(`${header}\n${c.text}`, INVOICE_LINE_COLUMNS, { file: 'f' });
          seen.push(...t.rows.map((r) => ({ row: r.row + c.linesBefore - 1, value: r.value })));
        }
      }
      expect(seen).toEqual(whole.rows);
    }
  });
});

describe('npx urakata invoices with a worker pool', () => {
  it('books every invoice exactly once after a run killed (kill -9) while it issued them', async () => {
    const n = 200;
    const rows = Array.from({ length: n }, (_, i) => `K-${i + 1},2026-05-31,2026-06-30,C${i},取引先${i},品目,1,${1000 + i},10,,no`);
    writeFileSync(join(dir, 'lines.csv'), `${HEADER}\n${rows.join('\n')}\n`);
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin/urakata.js'),
        'invoices',
        '--in',
        'lines.csv',
        '--issuer',
        'issuer.json',
        '--out',
        'out',
        '--jobs',
        '1',
        '--journal',
        'j.csv',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const exited = new Promise((done) => child.once('exit', done));
    const pdfs = () => (existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf')).length : 0);
    while (pdfs() === 0 && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    await exited;
    // Killed among its invoices: some issued, no journal written.
    const issued = pdfs();
    expect(issued).toBeGreaterThan(0);
    expect(issued).toBeLessThan(n);
    expect(existsSync(join(dir, 'j.csv'))).toBe(false);

    const again = await invoices(['--in', 'lines.csv', '--journal', 'j.csv']);
    expect(again.code).toBe(0);
    const booked = bookings(join(dir, 'j.csv'));
    expect(booked.size).toBe(n);
    expect([...booked.values()].every((c) => c === 1)).toBe(true);
  });

  it('starts workers from this module under tsx, and in a bundle only from invoice-worker.mjs beside it or beside its chunks', () => {
    expect(workerEntry('file:///app/cli/invoices/render.ts')).toEqual({ url: 'file:///app/cli/invoices/render.ts', tsx: true });
    const bundle = pathToFileURL(join(dir, 'urakata.mjs')).href;
    // Never the CLI bundle itself: its top level would run the command again in every worker.
    expect(workerEntry(bundle)).toBeUndefined();
    writeFileSync(join(dir, 'invoice-worker.mjs'), '');
    expect(workerEntry(bundle)).toEqual({ url: pathToFileURL(join(dir, 'invoice-worker.mjs')).href, tsx: false });
    // This module in a chunk of the bundle bin/urakata.js makes: the worker bundle is one folder up.
    mkdirSync(join(dir, 'chunks'), { recursive: true });
    expect(workerEntry(pathToFileURL(join(dir, 'chunks/render-AB12CD.mjs')).href)).toEqual({
      url: pathToFileURL(join(dir, 'invoice-worker.mjs')).href,
      tsx: false,
    });
  });

  it('renders the same bytes with --jobs 2 (worker threads of the bundle bin/urakata.js runs, or of the TypeScript through tsx) as in-process', async () => {
    writeFileSync(join(dir, 'lines.csv'), exampleLines);
    await invoices(['--in', 'lines.csv']);
    const single = manifest().map((e) => e.sha256);
    const exec = promisify(execFile);
    const { stdout, stderr } = await exec(
      process.execPath,
      [join(root, 'bin/urakata.js'), 'invoices', '--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'pool', '--jobs', '2'],
      { cwd: dir },
    );
    expect(stdout).toContain('issued 4');
    expect(stderr).not.toContain('invoice-worker.mjs');
    const pooled = (JSON.parse(readFileSync(join(dir, 'pool/manifest.json'), 'utf8')) as { sha256: string }[]).map((e) => e.sha256);
    expect(pooled).toEqual(single);
    // The launcher's fallback, the TypeScript run through tsx: its workers load the render module with tsx.
    const viaTsx = await exec(
      process.execPath,
      [
        '--import',
        'tsx',
        'cli/run.ts',
        'invoices',
        '--in',
        join(dir, 'lines.csv'),
        '--issuer',
        join(dir, 'issuer.json'),
        '--out',
        join(dir, 'pool-tsx'),
        '--jobs',
        '2',
      ],
      { cwd: root },
    );
    expect(viaTsx.stdout).toContain('issued 4');
    expect(viaTsx.stderr).not.toContain('invoice-worker.mjs');
    const tsxPooled = (JSON.parse(readFileSync(join(dir, 'pool-tsx/manifest.json'), 'utf8')) as { sha256: string }[]).map((e) => e.sha256);
    expect(tsxPooled).toEqual(single);
  });
});
