/**
 * 仕訳 for 入金消込: one entry per applied deposit (status `auto`: matched by the engine, or
 * confirmed by the user and learned), on the bank's 勘定日 — 普通預金 for the deposit and
 * 支払手数料 for the fee the payer deducted, against 売掛金 (補助科目 = the customer) for what
 * the invoices receive. The difference is booked as the result says (差額の処理:
 * `differenceTreatment`): 支払手数料 or 雑損失 for a shortfall, 雑収入 or 前受金 (補助科目 = the
 * customer) for an excess. A difference the result gives no treatment for is booked as an
 * over-payment to 前受金, a shortfall to 雑損失. Suggested and unmatched deposits get no entry:
 * they are not applied until confirmed.
 *
 * The engine's balance, Σ allocations − fee + difference = deposit, is what makes each entry balance.
 * A payer paying invoices of several customers in one transfer (a parent company for its
 * subsidiaries) credits 売掛金 of each invoice's own customer.
 */
import type { Decision, DifferenceTreatment, OpenItem } from '../reconcile/types.js';
import { type AccountKind, type AccountMap, DEFAULT_ACCOUNT_MAP, postingFor } from './accounts.js';
import { EntryBuilder, type JournalEntry } from './entry.js';

const TREATMENT_KIND: Readonly<Record<Exclude<DifferenceTreatment, ''>, AccountKind>> = {
  支払手数料: 'fee',
  雑損失: 'misc_loss',
  雑収入: 'misc_income',
  前受金: 'advance_received',
};

/** The fields of a decision its entry is made from. */
export type DecisionForJournal = Pick<Decision, 'status' | 'customerId' | 'allocations' | 'fee' | 'difference' | 'differenceTreatment'> & {
  readonly line: Pick<Decision['line'], 'date' | 'amount' | 'payer'>;
};

/** Who the customers are, for the 補助科目: a customer id's name, and an invoice's customer. */
export interface JournalCustomers {
  name(customerId: string): string | undefined;
  ofInvoice?(invoiceId: string): string | undefined;
}

/**
 * The customers of the open items a run matched against.
 * @example journalCustomers(open.items).name('C001') // '株式会社サンプル'
 */
export function journalCustomers(items: readonly Pick<OpenItem, 'invoiceId' | 'customerId' | 'customerName'>[]): JournalCustomers {
  const names = new Map(items.map((i) => [i.customerId, i.customerName]));
  const owners = new Map(items.map((i) => [i.invoiceId, i.customerId]));
  return { name: (id) => names.get(id), ofInvoice: (id) => owners.get(id) };
}

/**
 * @param customers the customers' names for the 補助科目 of 売掛金 (the id when unknown) and each
 *   invoice's customer; or a name lookup alone, every invoice then on the decision's customer
 * @example reconcileJournal(decisions, journalCustomers(open.items))
 */
export function reconcileJournal(
  decisions: readonly DecisionForJournal[],
  customers: JournalCustomers | ((customerId: string) => string | undefined) = () => undefined,
  map: AccountMap = DEFAULT_ACCOUNT_MAP,
): JournalEntry[] {
  const who: JournalCustomers = typeof customers === 'function' ? { name: customers } : customers;
  const named = (id: string) => who.name(id) || id;
  const entries: JournalEntry[] = [];
  for (const d of decisions) {
    if (d.status !== 'auto') continue;
    const customer = named(d.customerId);
    // 売掛金 per customer of the invoices, in the order the allocations name them.
    const receivable = new Map<string, number>();
    for (const a of d.allocations) {
      const owner = named(who.ofInvoice?.(a.invoiceId) ?? d.customerId);
      receivable.set(owner, (receivable.get(owner) ?? 0) + a.amount);
    }
    const b = new EntryBuilder(d.line.date, `入金 ${d.line.payer} ${customer}`)
      .debit(postingFor(map, 'bank'), d.line.amount)
      .debit(postingFor(map, 'fee'), d.fee, 0, '振込手数料（先方差引）');
    for (const [owner, amount] of receivable) b.credit(postingFor(map, 'receivable', owner), amount);
    if (d.difference !== 0) {
      const kind =
        d.differenceTreatment !== '' ? TREATMENT_KIND[d.differenceTreatment] : d.difference > 0 ? 'advance_received' : 'misc_loss';
      b.credit(postingFor(map, kind, kind === 'advance_received' ? customer : undefined), d.difference, 0, '差額');
    }
    if (!b.isEmpty) entries.push(b.build());
  }
  return entries;
}
