import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isError } from '../../../core/errors.js';
import { sideTotal } from '../../../core/journal/entry.js';
import { journalFileName } from '../../../core/journal/formats.js';
import { invoiceJournalOfLines } from '../../../core/sheet-functions/invoice-journal.js';
import { INVOICE_JOURNAL_SHEET } from '../../../core/sheet-functions/payroll.js';

const lines = readFileSync(new URL('../../../examples/invoices/lines.csv', import.meta.url), 'utf8');
const issuer = JSON.parse(readFileSync(new URL('../../../examples/invoices/issuer.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
const source = { lines, file: '請求明細!A1:Q9', issuer, issuerFile: '発行者' };

describe('invoiceJournalOfLines (the 請求書 panes’ 仕訳)', () => {
  it('books each invoice of the lines: 売掛金 against 売上高 by rate with its own tax, a credit note reversed', () => {
    const r = invoiceJournalOfLines(source);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message_en).join('\n'));
    expect([r.entries.length, r.rejected, r.problems]).toEqual([4, 0, []]);
    const summary = r.entries.map((e) => [e.memo, e.lines.map((l) => [l.side, l.account, l.subAccount, l.taxCategory, l.amount, l.tax])]);
    expect(summary).toEqual([
      [
        '請求書 INV-2026-05-001 株式会社テスト物産',
        [
          ['debit', '売掛金', '株式会社テスト物産', '対象外', 51_677, 0],
          ['credit', '売上高', '', '課税売上10%', 44_990, 4_090],
          ['credit', '売上高', '', '課税売上8%(軽)', 6_687, 495],
        ],
      ],
      [
        '請求書 INV-2026-05-002 山田デザイン事務所',
        [
          ['debit', '売掛金', '山田デザイン事務所', '対象外', 168_520, 0],
          ['credit', '売上高', '', '課税売上10%', 168_520, 15_320],
        ],
      ],
      [
        '請求書 INV-2026-05-003 合同会社みどり食品',
        [
          ['debit', '売掛金', '合同会社みどり食品', '対象外', 10_999, 0],
          ['credit', '売上高', '', '課税売上10%', 2_640, 240],
          ['credit', '売上高', '', '課税売上8%(軽)', 8_359, 619],
        ],
      ],
      [
        '請求書 CN-2026-05-001 株式会社テスト物産',
        [
          ['credit', '売掛金', '株式会社テスト物産', '対象外', 8_916, 0],
          ['debit', '売上高', '', '課税売上8%(軽)', 8_916, 660],
        ],
      ],
    ]);
    expect(r.entries.every((e) => e.date === '2026-05-31' && sideTotal(e, 'debit') === sideTotal(e, 'credit'))).toBe(true);
  });

  it('books in the order `urakata invoices` does, as each invoice’s last row is read', () => {
    const [header, a1, a2, b1] = lines.trim().split('\n').slice(0, 4);
    // INV-001 (rows 2 and 4) ends after INV-002's only row 3 begins and ends.
    const other = b1?.replaceAll('INV-2026-05-001', 'INV-2026-05-009');
    const r = invoiceJournalOfLines({ ...source, lines: [header, a1, other, a2].join('\n') });
    if (!r.ok) throw new Error('not booked');
    expect(r.entries.map((e) => e.memo.split(' ')[1])).toEqual(['INV-2026-05-009', 'INV-2026-05-001']);
  });

  it('leaves an invoice with a bad row out, with its problems; the others are booked', () => {
    const bad = lines.replace('コピー用紙（A4）500枚,10,', 'コピー用紙（A4）500枚,十,');
    const r = invoiceJournalOfLines({ ...source, lines: bad });
    if (!r.ok) throw new Error('not booked');
    expect(r.entries.map((e) => e.memo.split(' ')[1])).toEqual(['INV-2026-05-002', 'INV-2026-05-003', 'CN-2026-05-001']);
    expect(r.rejected).toBe(1);
    expect(r.problems.filter(isError)[0]).toMatchObject({ file: '請求明細!A1:Q9', row: 2, column: '数量', value: '十' });
    // The invoice's other rows are named too, as errors.csv names them: not booked (this is no issuing).
    expect(r.problems.map((p) => p.row)).toEqual([2, 3, 4]);
    expect(r.problems.slice(1).map((p) => [p.message_ja, p.message_en])).toEqual(
      Array(2).fill([
        '同じ請求書の他の行にエラーがあるため、この請求書は仕訳にしていません',
        'not booked: another row of the same invoice has an error',
      ]),
    );
  });

  it('books nothing when the issuer lacks a field, a column is missing, or there are no lines', () => {
    const noIssuer = invoiceJournalOfLines({ ...source, issuer: { name: '裏方商事' } });
    expect(noIssuer.ok).toBe(false);
    expect(noIssuer.problems.map((p) => [p.file, p.column])).toEqual([
      ['発行者', 'address'],
      ['発行者', 'phone'],
      ['発行者', 'registration_number'],
    ]);
    const noColumn = invoiceJournalOfLines({ ...source, lines: lines.replace('請求日,', '日,') });
    expect(noColumn.ok).toBe(false);
    expect(noColumn.problems[0]).toMatchObject({ row: 1, column: 'issue_date' });
    const header = invoiceJournalOfLines({ ...source, lines: lines.split('\n')[0] ?? '' });
    expect(header).toMatchObject({ ok: false, problems: [{ message_en: 'no invoice lines (only the header)' }] });
  });

  it('is written to the sheet 仕訳_請求 and a file named after it', () => {
    expect(INVOICE_JOURNAL_SHEET).toBe('仕訳_請求');
    expect(journalFileName(INVOICE_JOURNAL_SHEET, 'mf')).toBe('仕訳_請求_mf.csv');
  });
});
