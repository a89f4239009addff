/**
 * 電子帳簿保存法の検索要件 over issued invoices: 取引年月日・取引金額・取引先, dates and amounts as
 * ranges, any combination (電帳規 第4条第1項 / 一問一答【電子取引関係】問9).
 *
 * Each issued invoice gets one empty index object whose key carries the searchable fields,
 * `index/invoices/{issue_date}/{amount}/{counterparty}/{invoice_no}`, so a search is a key
 * listing from the start date — no object is read. The PDF carries the same fields (and its
 * SHA-256) as object metadata. Past a few hundred thousand invoices per tenant, S3 Metadata
 * tables + Athena or a DynamoDB table answer the same query without a listing.
 */
import { type Invoice, invoiceFileName } from '../../core/invoice/index.js';
import { invoiceIndexPrefix, invoiceKey } from '../keys.js';
import { InvoiceSearchQuery, URL_EXPIRY_SECONDS } from '../schemas.js';
import type { ObjectStore } from '../store.js';

/** @example await indexInvoice(store, 'acme', invoice, pdfKey) */
export async function indexInvoice(store: ObjectStore, tenant: string, inv: Invoice, pdfKey: string): Promise<void> {
  const k = `${invoiceIndexPrefix(tenant)}${inv.issue_date}/${inv.total}/${encodeURIComponent(inv.customer.id)}/${encodeURIComponent(inv.invoice_no)}`;
  // Empty and derived from the invoice alone: writing it again (a retried chunk) changes nothing.
  await store.put(k, '', { metadata: { pdf: encodeURIComponent(pdfKey) } });
}

/**
 * Index keys one search call looks at, at most: ten of S3's list pages, well within API Gateway's
 * 29 s. A filter that matches few invoices of a large tenant pages on with `next`.
 */
const MAX_KEYS_LOOKED_AT = 10_000;

export interface InvoiceHit {
  readonly invoice_no: string;
  readonly issue_date: string;
  readonly amount: number;
  readonly counterparty: string;
  readonly url: string;
}

/**
 * GET /v1/invoices?from&to&min&max&counterparty&limit&after — only the caller's own invoices; a
 * page cut at `limit` carries `next`, to pass back as `after` for the rest.
 * @example await searchInvoices(store, 'acme', { from: '2026-05-01', to: '2026-05-31', min: '10000' }) // { invoices: [{ invoice_no: 'INV-1', … }], truncated: false }
 */
export async function searchInvoices(
  store: ObjectStore,
  tenant: string,
  query: Record<string, string | undefined>,
  budget = MAX_KEYS_LOOKED_AT,
) {
  const q = InvoiceSearchQuery.parse(query);
  const prefix = invoiceIndexPrefix(tenant);
  const invoices: InvoiceHit[] = [];
  let truncated = false;
  let last = '';
  // Listing starts after the later of the date range's start and the last key the page before looked at;
  // the listing stays under the tenant's prefix whatever `after` says.
  const fromKey = q.from ? `${prefix}${q.from}` : '';
  const afterKey = q.after ? `${prefix}${q.after}` : '';
  const start = [fromKey, afterKey].sort().at(-1) ?? '';
  let looked = 0;
  for await (const k of store.list(prefix, start || undefined)) {
    const [date = '', amountText = '', cp = '', no = ''] = k.slice(prefix.length).split('/');
    if (q.to && date > q.to) break;
    // A bounded look per call: the page ends, and `next` goes on from the last key looked at.
    if (looked === budget) {
      truncated = true;
      break;
    }
    looked++;
    const amount = Number(amountText);
    const counterparty = decodeURIComponent(cp);
    const wanted =
      (q.min === undefined || amount >= q.min) &&
      (q.max === undefined || amount <= q.max) &&
      (q.counterparty === undefined || counterparty === q.counterparty);
    if (!wanted) {
      last = k.slice(prefix.length);
      continue;
    }
    if (invoices.length === q.limit) {
      truncated = true;
      break;
    }
    last = k.slice(prefix.length);
    const invoice_no = decodeURIComponent(no);
    const url = await store.downloadUrl(
      invoiceKey(tenant, date, invoice_no, 'pdf'),
      URL_EXPIRY_SECONDS,
      invoiceFileName(invoice_no, 'pdf'),
    );
    invoices.push({ invoice_no, issue_date: date, amount, counterparty, url });
  }
  // A page cut at the limit or the budget says where the next one starts (pass it back as `after`).
  return truncated ? { invoices, truncated, next: last } : { invoices, truncated };
}
