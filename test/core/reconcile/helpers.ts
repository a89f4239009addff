import { bankLine } from '../../../core/reconcile/bank-statement.js';
import type { BankLine, OpenItem } from '../../../core/reconcile/types.js';

let n = 0;
/** A deposit line with defaults for everything not under test. */
export function deposit(amount: number, payer: string, extra: Partial<BankLine> = {}): BankLine {
  n++;
  return bankLine({
    line: n,
    file: 'bank.csv',
    row: n + 1,
    date: '2026-06-10',
    direction: 'in',
    amount,
    payer,
    transactionType: '11',
    ...extra,
  });
}

/** An open invoice for customer `customerId` with defaults. */
export function invoice(invoiceId: string, customerId: string, amount: number, extra: Partial<OpenItem> = {}): OpenItem {
  return {
    invoiceId,
    customerId,
    customerName: '株式会社山田商事',
    customerKana: 'ヤマダショウジ',
    issueDate: '2026-04-30',
    dueDate: '2026-05-31',
    amount,
    payerNames: [],
    feeBurden: undefined,
    virtualAccount: '',
    row: 2,
    ...extra,
  };
}

/** Renumbers lines 1..n as a statement would. */
export function statement(...lines: BankLine[]): BankLine[] {
  return lines.map((l, i) => ({ ...l, line: i + 1, row: i + 2 }));
}
