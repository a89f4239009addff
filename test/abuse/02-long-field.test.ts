/**
 * Issue 19, finding 2 — one long field brought the whole server down: an 80,000-character
 * customer_name froze every tenant's requests for 140 s and crashed `urakata serve`, and after the
 * restart the batch stayed `running` forever; in the CLI, laying out long unbroken text grew much
 * faster than the text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { invoicePdf } from '../../core/invoice/index.js';
import { PdfWriter } from '../../core/pdf/document.js';
import { japaneseFonts } from '../../functions/fonts.js';
import { type LocalStack, startLocalStack } from '../../functions/local/stack.js';
import { download, ISSUER, invoiceCsv, type TestStack, testStack, unzipStored } from '../functions/stack.js';
import { errorsCsv, INVOICE_HEADER, invoices, manifest, usePayrollFolder } from './payroll-folder.js';

usePayrollFolder();

let t: TestStack | undefined;
let restarted: LocalStack | undefined;
afterEach(async () => {
  await restarted?.stop();
  restarted = undefined;
  await t?.close();
  t = undefined;
});

/** The fastest of three layouts of `text` wrapped in a 200-point box, in ms, and the height it took. */
function layoutTime(text: string): { ms: number; height: number } {
  const fonts = japaneseFonts();
  let ms = Number.POSITIVE_INFINITY;
  let height = 0;
  for (let i = 0; i < 3; i++) {
    const pdf = new PdfWriter({ fonts, title: 't', creationDate: new Date('2026-05-31T00:00:00+09:00') });
    const started = performance.now();
    height = pdf.text(text, pdf.left, pdf.top, { width: 200 });
    ms = Math.min(ms, performance.now() - started);
  }
  return { ms, height };
}

describe('issue 19 finding 2: one long field brings the whole server down', () => {
  it('lays out a long unbroken field in time linear in its length (10,000 and 40,000 characters)', { timeout: 120_000 }, () => {
    // 30,000 characters took 41 s and 2.8 GB: each line of a word wider than its box measured the whole rest again.
    const short = layoutTime('A'.repeat(10_000));
    const long = layoutTime('A'.repeat(40_000));
    // Linear is 4×; quadratic 16×. The heights say every character was laid out, line by line.
    expect(long.ms / short.ms).toBeLessThan(8);
    expect(long.ms).toBeLessThan(15_000);
    expect(long.height / short.height).toBeCloseTo(4, 1);
  });

  it('takes up a batch left running by a stack killed mid-chunk when the stack starts again: it finishes, each invoice issued once', async () => {
    // The first stack renders chunks 0 and 2; chunk 1 never finishes, as in a process killed mid-chunk.
    t = await testStack({
      chunkSize: 2,
      queue: { concurrency: 3, retryDelayMs: 10 },
      renderPdf: (inv, fonts) => (inv.invoice_no === 'A-3' ? new Promise<Uint8Array>(() => undefined) : invoicePdf(inv, fonts)),
    });
    const csv = new TextEncoder().encode(invoiceCsv(6));
    const created = await t.call('POST', '/v1/invoice-batches', { size: csv.length, issuer: ISSUER });
    const batchId: string = created.body.batchId;
    expect((await fetch(created.body.uploadUrl, { method: 'PUT', body: csv })).ok).toBe(true);
    const results = `tenants/tenant-a/invoice-batches/${batchId}/results/`;
    for (let i = 0; i < 2000; i++) {
      let n = 0;
      for await (const _ of t.stack.store.list(results)) n++;
      if (n === 2) break;
      await new Promise((ok) => setTimeout(ok, 10));
    }
    expect((await t.call('GET', `/v1/invoice-batches/${batchId}`)).body).toMatchObject({
      state: 'running',
      progress: { chunks: 3, chunks_done: 2 },
    });
    // Killed: the queue and its pending work are gone with the process.
    await t.stack.stop();

    restarted = await startLocalStack({ directory: t.dir, chunkSize: 2, queue: { retryDelayMs: 10 } });
    expect(restarted.recovered).toBe(1);
    let status: { state?: string; counts?: unknown; zipUrl?: string } = {};
    for (let i = 0; i < 500 && status.state !== 'done'; i++) {
      await restarted.idle();
      const r = await restarted.request({
        method: 'GET',
        path: `/v1/invoice-batches/${batchId}`,
        query: {},
        body: undefined,
        authorization: `Bearer ${t.token}`,
      });
      status = JSON.parse(r.body);
      if (status.state !== 'done') await new Promise((ok) => setTimeout(ok, 10));
    }
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 6, issued: 6, unchanged: 0, conflicts: 0, rejected: 0 } });
    expect([...unzipStored(await download(status.zipUrl ?? '')).keys()]).toEqual([
      'A-1.pdf',
      'A-2.pdf',
      'A-3.pdf',
      'A-4.pdf',
      'A-5.pdf',
      'A-6.pdf',
    ]);
  });

  it('refuses an 80,000-character customer name at once, naming row and column, and issues the rest', async () => {
    const long = '株'.repeat(80_000);
    const csv = `${INVOICE_HEADER}\nA-1,2026-05-31,2026-06-30,C1,${long},品目,1,1000,10,,no\nB-1,2026-05-31,2026-06-30,C2,乙社,品目,1,1000,10,,no\n`;
    const t = performance.now();
    const code = await invoices(csv);
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(code).toBe(1);
    expect(errorsCsv()).toContain('2,customer_name,');
    expect(errorsCsv()).toContain('長すぎます');
    expect(manifest().map((e) => e.invoice_no)).toEqual(['B-1']);
  });

  it('refuses a customer name over 120 characters, which would not fit its place on the invoice', async () => {
    const csv = `${INVOICE_HEADER}\nA-1,2026-05-31,2026-06-30,C1,${'名'.repeat(121)},品目,1,1000,10,,no\nB-1,2026-05-31,2026-06-30,C2,${'名'.repeat(120)},品目,1,1000,10,,no\n`;
    const code = await invoices(csv);
    expect(code).toBe(1);
    expect(errorsCsv()).toContain('120文字以内で入力してください');
    expect(manifest().map((e) => e.invoice_no)).toEqual(['B-1']);
  });
});
