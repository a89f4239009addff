/**
 * Issue 19, finding 4 — a control character in a field crashed a run: a NUL in an invoice_no
 * aborted the CLI with a TypeError, and through the API the chunk was retried five times,
 * dead-lettered, and the whole batch failed with an errors.csv naming no row. A renderer that
 * throws on one invoice's content is that failure in general: it is confined to its invoice.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { problem } from '../../core/errors.js';
import { readBankStatement } from '../../core/reconcile/bank-statement.js';
import { nonNegativeYen, readTable, text } from '../../core/csv/index.js';
import { invoicePdf } from '../../core/invoice/index.js';
import { download, invoiceCsv, type TestStack, testStack, unzipStored } from '../functions/stack.js';
import { errorsCsv, INVOICE_HEADER, invoices, manifest, usePayrollFolder } from './payroll-folder.js';

let t: TestStack | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

usePayrollFolder();

const employees = {
  id: text('employee_id', '社員番号'),
  name: text('name', '氏名'),
  salary: nonNegativeYen('monthly_salary', '基本給'),
};

const textOf = async (url: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download(url));

describe('issue 19 finding 4: a control character in a field crashes a run', () => {
  it('lists a NUL in an invoice number and a huge customer name as rows, and issues the rest', async () => {
    t = await testStack({ chunkSize: 2 });
    const csv = `${invoiceCsv(2)}B-1\u0000,2026-05-31,2026-06-30,C1,甲社,品目,1,1000,10\r\nB-2,2026-05-31,2026-06-30,C1,${'株'.repeat(80_000)},品目,1,1000,10\r\n`;
    const { status } = await t.runBatch(csv);
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 2, issued: 2 } });
    const errors = await textOf(status.errorsUrl);
    expect(errors).toContain('B-1⟨U+0000⟩');
    expect(errors).toContain('使えない制御文字（U+0000）');
    expect(errors).toMatch(/5,customer_name,.*長すぎます/);
    expect([...unzipStored(await download(status.zipUrl)).keys()]).toEqual(['A-1.pdf', 'A-2.pdf']);
  });

  it('confines a renderer failure to its invoice: the batch finishes, errors.csv names the row, the others are issued', async () => {
    let calls = 0;
    t = await testStack({
      chunkSize: 2,
      renderPdf: async (inv, fonts) => {
        if (inv.invoice_no === 'A-3') {
          calls++;
          throw new TypeError("Cannot read properties of undefined (reading 'advanceWidth')");
        }
        return invoicePdf(inv, fonts);
      },
    });
    const { status } = await t.runBatch(invoiceCsv(5));
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 5, issued: 4, rejected: 1, conflicts: 0 } });
    // Tried twice in the chunk, then rejected: never a redelivery of the whole chunk, never a dead letter.
    expect(calls).toBe(2);
    const errors = await textOf(status.errorsUrl);
    expect(errors).toContain('lines.csv,4,invoice_no,A-3,この請求書の PDF を作成できませんでした');
    expect([...unzipStored(await download(status.zipUrl)).keys()]).toEqual(['A-1.pdf', 'A-2.pdf', 'A-4.pdf', 'A-5.pdf']);
  });

  it('refuses a cell with a control character, naming row and column, and keeps the other rows', () => {
    const t = readTable('社員番号,氏名,基本給\nE1,山田\u0000,100\nE2,鈴木,200\nE3,\u202Eabc,300\n', employees, { file: 'e.csv' });
    expect(t.rows.map((r) => r.value.id)).toEqual(['E2']);
    expect(t.problems).toEqual([
      expect.objectContaining({ row: 2, column: '氏名', value: '山田⟨U+0000⟩', message_en: expect.stringContaining('U+0000') }),
      expect.objectContaining({ row: 4, column: '氏名', value: '⟨U+202E⟩abc' }),
    ]);
  });

  it('lists a row whose invoice number holds a control character (NUL) and issues the rest, with no crash', async () => {
    const csv = `${INVOICE_HEADER}\nA-1\u0000,2026-05-31,2026-06-30,C1,甲社,品目,1,1000,10,,no\nB-1,2026-05-31,2026-06-30,C2,乙社\u0007,品目,1,1000,10,,no\nC-1,2026-05-31,2026-06-30,C3,丙社,品目,1,1000,10,,no\n`;
    const code = await invoices(csv);
    expect(code).toBe(1);
    expect(errorsCsv()).toContain('2,invoice_no,A-1⟨U+0000⟩,使えない制御文字（U+0000）');
    expect(errorsCsv()).toContain('3,customer_name,乙社⟨U+0007⟩,');
    expect(manifest().map((e) => e.invoice_no)).toEqual(['C-1']);
  });
});

describe('a value echoed in a problem is shown, never passed through', () => {
  // A cell refused for its length was echoed as its first 40 UTF-16 units before its characters
  // were looked at: errors.csv and the panes got a right-to-left override, a NUL and half of 𠮷.
  const hostile = `\u202E\u0000fdp.exe${'x'.repeat(30)}𠮷${'y'.repeat(10_000)}`;

  it('a cell too long to read: its control and direction characters named, cut between characters', () => {
    const t = readTable(`employee_id,name,monthly_salary\r\nE1,"${hostile}",300000\r\n`, employees, { file: 'e.csv' });
    const value = t.problems[0]?.value ?? '';
    expect(t.problems.map((p) => [p.row, p.column])).toEqual([[2, 'name']]);
    expect(value).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069\p{Cs}]/u);
    expect(value.startsWith('⟨U+202E⟩⟨U+0000⟩fdp.exe')).toBe(true);
  });

  it('any problem: whatever made it, its value holds no control, direction or half character, and is cut to 200 characters', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', '山', '𠮷', '\u0000', '\u001b', '\n', '\t', '\u202e', '\u2066', '\ud800', '\ufffe'),
          maxLength: 400,
        }),
        (raw) => {
          const value = problem('f.csv', 2, 'c', raw, 'x', 'x').value;
          expect(value).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\p{Cs}\ufffe]/u);
          expect(Array.from(value).length).toBeLessThanOrEqual(201);
          if (!/[\p{Cc}\u202a-\u202e\u2066-\u2069\p{Cs}\ufffe]/u.test(raw) && Array.from(raw).length <= 200) expect(value).toBe(raw);
        },
      ),
    );
  });

  it('a bank statement of no known format: its header shown so', () => {
    const r = readBankStatement(new TextEncoder().encode(`\u202Edate\u0000,x\r\n1,2\r\n`), 'bank.csv', { today: '2026-12-06' });
    expect(r.problems[0]?.value).toBe('⟨U+202E⟩date⟨U+0000⟩,x');
  });
});
