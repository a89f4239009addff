/**
 * Hostile and careless input through the API, end to end over the local store: a field holding a
 * control character, bytes that do not decode, a huge field. Each is one rejected row in
 * errors.csv (row and column named); the other invoices of the batch are issued, and the batch
 * finishes instead of failing whole after its retries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { download, invoiceCsv, type TestStack, testStack, unzipStored } from './stack.js';

let t: TestStack | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const errorsOf = async (url: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download(url));

describe('a batch with hostile rows', () => {
  it('lists a NUL in an invoice number and a huge customer name as rows, and issues the rest', async () => {
    t = await testStack({ chunkSize: 2 });
    const csv = `${invoiceCsv(2)}B-1\u0000,2026-05-31,2026-06-30,C1,甲社,品目,1,1000,10\r\nB-2,2026-05-31,2026-06-30,C1,${'株'.repeat(80_000)},品目,1,1000,10\r\n`;
    const { status } = await t.runBatch(csv);
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 2, issued: 2 } });
    const errors = await errorsOf(status.errorsUrl);
    expect(errors).toContain('B-1⟨U+0000⟩');
    expect(errors).toContain('使えない制御文字（U+0000）');
    expect(errors).toMatch(/5,customer_name,.*長すぎます/);
    expect([...unzipStored(await download(status.zipUrl)).keys()]).toEqual(['A-1.pdf', 'A-2.pdf']);
  });

  it('lists bytes that do not decode (文字化け) instead of issuing them as a name', async () => {
    t = await testStack();
    const head = new TextEncoder().encode(`${invoiceCsv(1)}B-1,2026-05-31,2026-06-30,C1,`);
    const bytes = new Uint8Array([...head, 0xff, 0xfe, 0x41, ...new TextEncoder().encode(',品目,1,1000,10\r\n')]);
    const { status } = await t.runBatch(bytes);
    expect(status).toMatchObject({ state: 'done', counts: { issued: 1 } });
    expect(await errorsOf(status.errorsUrl)).toMatch(/3,customer_name,.*文字コード/);
  });
});
