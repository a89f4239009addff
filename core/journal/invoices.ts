/**
 * 仕訳 for issued invoices: one entry per invoice on its issue date — 売掛金 (補助科目 = the
 * customer) against 売上高 per tax rate with its 税区分 (課税売上10%, 課税売上8%(軽), 非課税売上,
 * 不課税: Urakata's names, which the 弥生 and マネーフォワード files write in the package's own,
 * tax-names.ts) and the invoice's own tax per rate (消費税 rounded once per invoice per rate: never
 * re-computed from the lines). 源泉徴収 the customer withholds is 仮払税金 instead of 売掛金.
 * A credit note (適格返還請求書, a negative total) is the same entry reversed; a 0円 invoice makes
 * no entry.
 *
 * 税込経理: each rate's line is its 税込 amount with the tax in the 税額 column (what the 弥生 and
 * マネーフォワード importers take). 税抜経理: each rate's line is its 税抜 amount and the tax is a
 * separate 仮受消費税 line carrying that rate's 税区分.
 */
import type { Invoice } from '../invoice/invoice.js';
import type { TaxRateKey } from '../invoice/rates.js';
import { type AccountKind, type AccountMap, DEFAULT_ACCOUNT_MAP, postingFor } from './accounts.js';
import { EntryBuilder, type JournalEntry } from './entry.js';

const SALES_KIND: Readonly<Record<TaxRateKey, AccountKind>> = {
  '10': 'sales_10',
  '8': 'sales_8',
  '0': 'sales_exempt',
  out: 'sales_outside',
};

/** The fields of an invoice its entry is made from. */
export type InvoiceForJournal = Pick<Invoice, 'invoice_no' | 'issue_date' | 'customer' | 'byRate' | 'withholding' | 'amount_due'>;

/**
 * @example invoiceJournal([invoice])[0].lines[0] // { side: 'debit', account: '売掛金', subAccount: '株式会社サンプル', amount: 49_390, … }
 */
export function invoiceJournal(invoices: readonly InvoiceForJournal[], map: AccountMap = DEFAULT_ACCOUNT_MAP): JournalEntry[] {
  return invoices.flatMap((inv) => {
    const customer = inv.customer.name || inv.customer.id;
    const b = new EntryBuilder(inv.issue_date, `請求書 ${inv.invoice_no} ${customer}`)
      .debit(postingFor(map, 'receivable', customer), inv.amount_due)
      .debit(postingFor(map, 'withholding_receivable'), inv.withholding);
    for (const r of inv.byRate) {
      const sales = postingFor(map, SALES_KIND[r.rate]);
      if (map.taxMethod === 'inclusive') b.credit(sales, r.gross, r.tax);
      else {
        // The 仮受消費税 line carries the rate's 税区分, the user's own or the default as the sales line's.
        const outputTax = {
          ...postingFor(map, 'output_tax'),
          taxCategory: sales.taxCategory,
          ownTaxCategory: sales.ownTaxCategory === true,
        };
        b.credit(sales, r.base).credit(outputTax, r.tax, r.tax);
      }
    }
    // A 0円 invoice (無償の点検, a fully discounted month) has nothing to book.
    return b.isEmpty ? [] : [b.build()];
  });
}
