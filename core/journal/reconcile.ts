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
 */
import type { Decision, DifferenceTreatment } from '../reconcile/types.js';
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

/**
 * @param customerName the customer's name for a customer id (the 補助科目 of 売掛金); the id when unknown
 * @example reconcileJournal(decisions, (id) => names.get(id))
 */
export function reconcileJournal(
  decisions: readonly DecisionForJournal[],
  customerName: (customerId: string) => string | undefined = () => undefined,
  map: AccountMap = DEFAULT_ACCOUNT_MAP,
): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const d of decisions) {
    if (d.status !== 'auto') continue;
    const customer = customerName(d.customerId) || d.customerId;
    const applied = d.allocations.reduce((s, a) => s + a.amount, 0);
    const b = new EntryBuilder(d.line.date, `入金 ${d.line.payer} ${customer}`)
      .debit(postingFor(map, 'bank'), d.line.amount)
      .debit(postingFor(map, 'fee'), d.fee, 0, '振込手数料（先方差引）')
      .credit(postingFor(map, 'receivable', customer), applied);
    if (d.difference !== 0) {
      const kind =
        d.differenceTreatment !== '' ? TREATMENT_KIND[d.differenceTreatment] : d.difference > 0 ? 'advance_received' : 'misc_loss';
      b.credit(postingFor(map, kind, kind === 'advance_received' ? customer : undefined), d.difference, 0, '差額');
    }
    if (!b.isEmpty) entries.push(b.build());
  }
  return entries;
}
