import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCredential } from '../../functions/auth.js';
import { logger } from '../../functions/log.js';
import { type Json, type TestStack, testStack } from './stack.js';

let t: TestStack;
let tokenB: string;
let batchA: string;

beforeAll(async () => {
  t = await testStack();
  tokenB = (await createCredential(t.stack.store, 'tenant-b', 'other company')).token;
  const csv = [
    'invoice_no,issue_date,due_date,customer_id,customer_name,item,quantity,unit_price,tax_rate',
    'M-1,2026-04-30,2026-05-31,C1,甲社,品目,1,10000,10',
    'M-2,2026-05-15,2026-06-30,C2,乙社,品目,1,50000,10',
    'M-3,2026-05-31,2026-06-30,C1,甲社,品目,1,20000,10',
    'M-4,2026-06-30,2026-07-31,C1,甲社,品目,1,30000,10',
  ].join('\r\n');
  batchA = (await t.runBatch(csv)).batchId;
});
afterAll(() => t.close());

const numbers = (body: Json): string[] => body.invoices.map((i: { invoice_no: string }) => i.invoice_no);

describe('credentials', () => {
  it('answers 401 without a credential and 403 with an unknown one, saying nothing more', async () => {
    const none = await t.call('GET', '/v1/invoices', undefined, null);
    const garbage = await t.call('GET', '/v1/invoices', undefined, 'not-a-token');
    const unknown = await t.call('GET', '/v1/invoices', undefined, `urk_${'A'.repeat(43)}`);
    expect(none).toEqual({ status: 401, body: { error: 'unauthorized', message_ja: '認証が必要です', message_en: 'unauthorized' } });
    expect(garbage).toEqual({ status: 403, body: { error: 'forbidden', message_ja: 'アクセスできません', message_en: 'forbidden' } });
    expect(unknown).toEqual(garbage);
  });

  it('stores only the SHA-256 of a credential, never the credential itself', async () => {
    const keys: string[] = [];
    for await (const k of t.stack.store.list('system/credentials/')) keys.push(k);
    expect(keys).toHaveLength(2);
    for (const k of keys) {
      const text = new TextDecoder().decode((await t.stack.store.get(k)) ?? new Uint8Array());
      expect(text).not.toContain(t.token);
      expect(text).not.toContain(tokenB);
      expect(k).toMatch(/^system\/credentials\/[0-9a-f]{64}\.json$/);
    }
  });

  it('writes no credential to the logs, even at debug level', async () => {
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    logger.setLogLevel('DEBUG');
    try {
      await t.call('GET', '/v1/invoices');
      await t.call('GET', '/v1/invoices', undefined, `${t.token}x`);
      await t.call('POST', '/v1/invoice-batches', { size: -1 });
    } finally {
      logger.setLogLevel('SILENT');
      out.mockRestore();
      err.mockRestore();
    }
    expect(written.join('')).not.toContain(t.token.slice(4));
  });
});

describe('tenancy', () => {
  it('hides another tenant’s batch behind the same 404 as a batch that does not exist', async () => {
    const own = await t.call('GET', `/v1/invoice-batches/${batchA}`);
    expect(own.status).toBe(200);
    const other = await t.call('GET', `/v1/invoice-batches/${batchA}`, undefined, tokenB);
    const missing = await t.call('GET', '/v1/invoice-batches/00000000-0000-4000-8000-000000000000', undefined, tokenB);
    expect(other).toEqual(missing);
    expect(other.status).toBe(404);
  });

  it('refuses ids that try to leave the tenant prefix', async () => {
    const r = await t.call(
      'GET',
      `/v1/invoice-batches/${encodeURIComponent(`../../tenant-a/invoice-batches/${batchA}`)}`,
      undefined,
      tokenB,
    );
    expect(r.status).toBe(404);
  });

  it('lists only the caller’s own invoices', async () => {
    expect(numbers((await t.call('GET', '/v1/invoices')).body)).toEqual(['M-1', 'M-2', 'M-3', 'M-4']);
    expect((await t.call('GET', '/v1/invoices', undefined, tokenB)).body).toEqual({ invoices: [], truncated: false });
  });

  it('gives download links that work for the owner’s invoices', async () => {
    const hit = (await t.call('GET', '/v1/invoices?from=2026-05-15&to=2026-05-15')).body.invoices[0];
    expect(hit).toMatchObject({ invoice_no: 'M-2', issue_date: '2026-05-15', amount: 55000, counterparty: 'C2' });
    const pdf = new Uint8Array(await (await fetch(hit.url)).arrayBuffer());
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
  });
});

describe('電帳法 search', () => {
  it('filters by an issue-date range', async () => {
    expect(numbers((await t.call('GET', '/v1/invoices?from=2026-05-01&to=2026-05-31')).body)).toEqual(['M-2', 'M-3']);
  });

  it('filters by an amount range on the tax-inclusive total', async () => {
    // Totals: M-1 11,000, M-2 55,000, M-3 22,000, M-4 33,000.
    expect(numbers((await t.call('GET', '/v1/invoices?min=22000&max=33000')).body)).toEqual(['M-3', 'M-4']);
  });

  it('combines counterparty, dates and amounts', async () => {
    const r = await t.call('GET', '/v1/invoices?counterparty=C1&from=2026-05-01&min=15000');
    expect(numbers(r.body)).toEqual(['M-3', 'M-4']);
  });

  it('pages through every hit: a page cut at the limit gives next, passed back as after', async () => {
    const seen: string[] = [];
    let after = '';
    for (let page = 0; page < 10; page++) {
      const r = (await t.call('GET', `/v1/invoices?limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`)).body;
      seen.push(...numbers(r));
      if (!r.truncated) break;
      expect(typeof r.next).toBe('string');
      after = r.next;
    }
    expect(seen).toEqual(['M-1', 'M-2', 'M-3', 'M-4']);
    // With a date range too: the later of the two starts wins.
    const may = (await t.call('GET', '/v1/invoices?from=2026-05-01&to=2026-05-31&limit=1')).body;
    expect([numbers(may), may.truncated]).toEqual([['M-2'], true]);
    const rest = (await t.call('GET', `/v1/invoices?from=2026-05-01&to=2026-05-31&after=${encodeURIComponent(may.next)}`)).body;
    expect(numbers(rest)).toEqual(['M-3']);
  });

  it('takes a blank parameter (a form that sends every field) as absent, not as 0', async () => {
    expect(numbers((await t.call('GET', '/v1/invoices?min=&max=&from=&to=&counterparty=')).body)).toEqual(['M-1', 'M-2', 'M-3', 'M-4']);
  });

  it('answers 404, not 500, to an id with a malformed escape', async () => {
    expect((await t.call('GET', '/v1/invoice-batches/%E0%A4%A')).status).toBe(404);
  });

  it('refuses a malformed range with 400', async () => {
    const r = await t.call('GET', '/v1/invoices?from=May');
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_request');
  });
});
