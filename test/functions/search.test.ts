/**
 * 電帳法 search over the index: a query whose filters match nothing listed the tenant's whole
 * index in one API call (no budget counted the keys passed over), up to API Gateway's 29 s on a
 * large tenant, holding a function instance the whole time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchInvoices } from '../../functions/invoice/search.js';
import { invoiceIndexPrefix } from '../../functions/keys.js';
import { type TestStack, testStack } from './stack.js';

let t: TestStack;
beforeAll(async () => {
  t = await testStack();
  const prefix = invoiceIndexPrefix('tenant-a');
  for (let i = 1; i <= 25; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    await t.stack.store.put(`${prefix}2026-05-${day}/${1000 * i}/C1/INV-${String(i).padStart(3, '0')}`, '');
  }
});
afterAll(() => t.close());

describe('invoice search', () => {
  it('looks at a bounded number of index keys per call: a filter that matches nothing pages on with next, and every hit is found once', async () => {
    const store = t.stack.store;
    const none = await searchInvoices(store, 'tenant-a', { counterparty: 'NOBODY' }, 10);
    expect(none.invoices).toEqual([]);
    expect(none.truncated).toBe(true);
    expect(none.next).toMatch(/^2026-05-/);

    // Paged by the budget, a filter matching some keys finds each of them once, in key order.
    const seen: string[] = [];
    let after: string | undefined;
    for (let calls = 0; calls < 10; calls++) {
      const page = await searchInvoices(store, 'tenant-a', { min: '20000', ...(after ? { after } : {}) }, 10);
      seen.push(...page.invoices.map((i) => i.invoice_no));
      if (!page.truncated) break;
      after = page.next;
    }
    expect(seen.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `INV-0${20 + i}`));
  });
});
