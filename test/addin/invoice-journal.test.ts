/**
 * The 請求書 pane's 仕訳 (office-addin-mock): the invoice lines range booked as
 * `urakata invoices --journal` books it, written to 仕訳_請求 and saved in the chosen format.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInvoiceJournal } from '../../addin/taskpane/invoice-actions.js';
import { DEFAULT_SETTINGS, type Settings } from '../../addin/taskpane/settings.js';
import { main } from '../../cli/main.js';
import { decodeCp932 } from '../../core/csv/encoding.js';
import { InputError, isError } from '../../core/errors.js';
import { JOURNAL_FORMATS } from '../../core/journal/formats.js';
import { INVOICE_JOURNAL_SHEET } from '../../core/sheet-functions/payroll.js';
import { excelSerial } from '../core/sheet-functions/cases.js';
import { mockWorkbook } from './mock-workbook.js';

const LINES_CSV = readFileSync(new URL('../../examples/invoices/lines.csv', import.meta.url), 'utf8');
const ISSUER_JSON = readFileSync(new URL('../../examples/invoices/issuer.json', import.meta.url), 'utf8');
const issuer = JSON.parse(ISSUER_JSON) as Record<string, string>;
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  rounding: 'floor',
  issuer: {
    name: issuer.name ?? '',
    registration_number: issuer.registration_number ?? '',
    address: issuer.address ?? '',
    phone: issuer.phone ?? '',
  },
};

const DATE_COLUMNS = ['請求日', '支払期限', '取引日'];

/** examples/invoices/lines.csv as Excel holds it: dates as serials formatted as dates, numbers as numbers. */
function sheetOf(csv: string) {
  const rows = csv
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  const header = rows[0] ?? [];
  const dates = DATE_COLUMNS.map((c) => header.indexOf(c));
  const values = rows.map((row, r) =>
    row.map((cell, c) => (r > 0 && dates.includes(c) ? excelSerial(cell) : r > 0 && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell)),
  );
  const numberFormat = rows.map((row, r) => row.map((_, c) => (r > 0 && dates.includes(c) ? 'yyyy/m/d' : 'General')));
  return { values, numberFormat };
}

const RANGE = '請求明細!A1:Q9';
const workbook = (csv = LINES_CSV) => mockWorkbook({ 請求明細: { ranges: { 'A1:Q9': sheetOf(csv) } } });

function journalRows(wb: ReturnType<typeof mockWorkbook>): unknown[][] {
  const sheet = wb.sheet(INVOICE_JOURNAL_SHEET);
  if (!sheet) throw new Error('no journal sheet');
  const key = [...(sheet.ranges._properties as Map<string, unknown>).keys()].find((a) => a.startsWith('A1:J')) ?? '';
  return sheet.ranges[key].values as unknown[][];
}

describe('請求書 pane: 仕訳 (office-addin-mock)', () => {
  it('writes 仕訳_請求 (借方/貸方, one row per line) and the 弥生 file: 売掛金 against 売上高 by rate, the credit note reversed', async () => {
    const wb = workbook();
    const r = await buildInvoiceJournal(wb.run, settings, RANGE, 'yayoi');
    expect([r.sheet, r.name, r.entries, r.rejected, r.problems]).toEqual([INVOICE_JOURNAL_SHEET, '仕訳_請求_yayoi.csv', 4, 0, []]);
    const rows = journalRows(wb);
    expect(rows[0]).toEqual(['仕訳番号', '日付', '貸借', '勘定科目', '補助科目', '部門', '税区分', '金額', '税額', '摘要']);
    expect(rows).toHaveLength(1 + 10);
    // INV-2026-05-001: 10 % 44,990 (tax 4,090) and 8 % 6,687 (tax 495) = 51,677
    expect(rows.slice(1, 4).map((x) => x.slice(0, 9))).toEqual([
      [1, '2026-05-31', '借方', '売掛金', '株式会社テスト物産', '', '対象外', 51_677, 0],
      [1, '2026-05-31', '貸方', '売上高', '', '', '課税売上10%', 44_990, 4_090],
      [1, '2026-05-31', '貸方', '売上高', '', '', '課税売上8%(軽)', 6_687, 495],
    ]);
    // INV-2026-05-002: 153,200 + 15,320 at 10 %, no 源泉徴収 (the issuer is a company); the credit note CN-2026-05-001 the other way round.
    expect(rows.filter((x) => x[0] === 2).map((x) => x.slice(2, 9))).toEqual([
      ['借方', '売掛金', '山田デザイン事務所', '', '対象外', 168_520, 0],
      ['貸方', '売上高', '', '', '課税売上10%', 168_520, 15_320],
    ]);
    expect(rows.some((x) => x[3] === '仮払税金')).toBe(false);
    expect(rows.slice(-2).map((x) => [x[0], x[2], x[3], x[7], x[8], x[9]])).toEqual([
      [4, '貸方', '売掛金', 8_916, 0, '請求書 CN-2026-05-001 株式会社テスト物産'],
      [4, '借方', '売上高', 8_916, 660, '請求書 CN-2026-05-001 株式会社テスト物産'],
    ]);
    const file = decodeCp932(r.bytes).trimEnd().split('\r\n');
    expect(file.map((l) => l.split(',')[0])).toEqual(['2110', '2100', '2101', '2000', '2110', '2100', '2101', '2000']);
    expect(file.every((l) => l.split(',').length === 25)).toBe(true);
    // The credit note: one row, 借方 売上高 8,916 (tax 660) against 貸方 売掛金 8,916.
    expect(file[7]?.split(',').slice(0, 17)).toEqual([
      '2000',
      '',
      '',
      '2026/05/31',
      '売上高',
      '',
      '',
      '課税売上込軽減8%',
      '8916',
      '660',
      '売掛金',
      '株式会社テスト物産',
      '',
      '対象外',
      '8916',
      '',
      '請求書 CN-2026-05-001 株式会社テスト物産',
    ]);
  });

  it('saves the bytes `urakata invoices --journal` writes for the same lines and issuer, in each format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'urakata-inv-journal-'));
    try {
      writeFileSync(join(dir, 'lines.csv'), LINES_CSV);
      writeFileSync(join(dir, 'issuer.json'), ISSUER_JSON);
      for (const format of JOURNAL_FORMATS) {
        const io = { out: () => undefined, err: () => undefined, cwd: dir };
        // A fresh --out each time: a rerun books only what it issues itself.
        const args = ['invoices', '--in', 'lines.csv', '--issuer', 'issuer.json', '--out', `out-${format}`, '--jobs', '1'];
        expect(await main([...args, '--journal', `j-${format}`, '--journal-format', format], io)).toBe(0);
        const pane = await buildInvoiceJournal(workbook().run, settings, RANGE, format);
        expect(Buffer.from(pane.bytes).equals(readFileSync(join(dir, `j-${format}`))), format).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('leaves out an invoice with a bad row and returns its problems, as the tab lists them', async () => {
    const wb = workbook(LINES_CSV.replace('コピー用紙（A4）500枚,10,', 'コピー用紙（A4）500枚,十,'));
    const r = await buildInvoiceJournal(wb.run, settings, RANGE, 'csv');
    expect([r.entries, r.rejected]).toEqual([3, 1]);
    expect(r.problems.filter(isError).map((p) => [p.file, p.row, p.column, p.value])).toEqual([
      // Named by the sheet and its row, as the sheet shows them.
      ['請求明細', 2, '数量', '十'],
      ['請求明細', 3, '', ''],
      ['請求明細', 4, '', ''],
    ]);
    const text = Buffer.from(r.bytes).toString('utf8');
    expect(text).not.toContain('INV-2026-05-001');
    expect(
      new Set(
        journalRows(wb)
          .slice(1)
          .map((x) => x[9]),
      ),
    ).toEqual(
      new Set([
        '請求書 INV-2026-05-002 山田デザイン事務所',
        '請求書 INV-2026-05-003 合同会社みどり食品',
        '請求書 CN-2026-05-001 株式会社テスト物産',
      ]),
    );
  });

  it('writes nothing when the issuer of 設定 is incomplete or a name does not fit Shift_JIS', async () => {
    const noIssuer = workbook();
    const error = await buildInvoiceJournal(noIssuer.run, DEFAULT_SETTINGS, RANGE, 'csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => [p.file, p.column])).toEqual([
      ['設定 / settings', 'name'],
      ['設定 / settings', 'address'],
      ['設定 / settings', 'phone'],
      ['設定 / settings', 'registration_number'],
    ]);
    expect(noIssuer.sheet(INVOICE_JOURNAL_SHEET)).toBeUndefined();

    const emoji = workbook(LINES_CSV.replaceAll('山田デザイン事務所', '山田デザイン事務所🎨'));
    const refused = await buildInvoiceJournal(emoji.run, settings, RANGE, 'mf').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).problems[0]?.message_en).toMatch(/Shift_JIS/);
    expect(emoji.sheet(INVOICE_JOURNAL_SHEET)).toBeUndefined();
    expect((await buildInvoiceJournal(emoji.run, settings, RANGE, 'csv')).entries).toBe(4);
  });
});
