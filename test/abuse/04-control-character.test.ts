/**
 * Issue 19, finding 4 — a control character in a field crashed a run: a NUL in an invoice_no
 * aborted the CLI with a TypeError, and through the API the chunk was retried five times,
 * dead-lettered, and the whole batch failed with an errors.csv naming no row. A renderer that
 * throws on one invoice's content is that failure in general: it is confined to its invoice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { invoicePdf } from '../../core/invoice/index.js';
import { download, invoiceCsv, type TestStack, testStack, unzipStored } from '../functions/stack.js';

let t: TestStack | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const text = async (url: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download(url));

describe('issue 19 finding 4: a control character in a field crashes a run', () => {
  it('lists a NUL in an invoice number and a huge customer name as rows, and issues the rest', async () => {
    t = await testStack({ chunkSize: 2 });
    const csv = `${invoiceCsv(2)}B-1\u0000,2026-05-31,2026-06-30,C1,甲社,品目,1,1000,10\r\nB-2,2026-05-31,2026-06-30,C1,${'株'.repeat(80_000)},品目,1,1000,10\r\n`;
    const { status } = await t.runBatch(csv);
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 2, issued: 2 } });
    const errors = await text(status.errorsUrl);
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
    const errors = await text(status.errorsUrl);
    expect(errors).toContain('lines.csv,4,invoice_no,A-3,この請求書の PDF を作成できませんでした');
    expect([...unzipStored(await download(status.zipUrl)).keys()]).toEqual(['A-1.pdf', 'A-2.pdf', 'A-4.pdf', 'A-5.pdf']);
  });
});
