/**
 * The `--company` JSON of a 総合振込: the same keys as the 給与振込 company (the 振込依頼人 and its
 * debit account), and optionally its bank's fee table (`transfer_fees`), where the payables'
 * `reference` goes (`reference_field`: `edi` or `customer_code`), and several debit accounts
 * (`debit_accounts`), each written to a file of its own: a 総合振込 file has one header, so one
 * account it is paid from.
 */
import { type Problem, problem } from '../../errors.js';
import { parseTransferCompany } from './company.js';
import type { TransferCompany } from './file.js';
import { parseTransferFeeBands, type TransferFeeBand } from './fees.js';

/** EDI情報 (識別表示 Y, reaches the payee) or 顧客コード1 (for the payer's own use). */
export type ReferenceField = 'edi' | 'customer_code';

/** An account the company pays from, and the 振込依頼人 the bank knows it by. */
export interface DebitAccount {
  /** How the payables' `debit_account` names it; '' for the one account of a company without `debit_accounts`. */
  readonly id: string;
  readonly company: TransferCompany;
}

export interface PaymentCompany {
  /** One or more; the first is the account of a payable that names none. */
  readonly accounts: readonly DebitAccount[];
  /** The company's own fee table; undefined = the default table for the date. */
  readonly fees?: readonly TransferFeeBand[] | undefined;
  readonly referenceField: ReferenceField;
}

/** An account id: it names the account's file (sogo.txt → sogo-{id}.txt), so letters, digits, - and _ only. */
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,20}$/;

/**
 * Reads the company JSON of a 総合振込, every problem at once. Each of `debit_accounts` takes the
 * top-level keys it does not give itself (company_code, company_name …).
 * @example parsePaymentCompany({company_code: '1234567890', …, debit_accounts: [{id: 'main', bank_code: '0001', …}]}, 'company.json')
 */
export function parsePaymentCompany(json: unknown, file: string): { company?: PaymentCompany; problems: Problem[] } {
  const o = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (!o) return { problems: parseTransferCompany(json, file).problems };
  const { accounts, problems } = o.debit_accounts === undefined ? oneAccount(o, file) : debitAccounts(o.debit_accounts, o, file);
  let fees: readonly TransferFeeBand[] | undefined;
  if (o.transfer_fees !== undefined) {
    const r = parseTransferFeeBands(o.transfer_fees);
    if ('bands' in r) fees = r.bands;
    else problems.push(problem(file, 0, 'transfer_fees', '', r.message_ja, r.message_en));
  }
  const field = o.reference_field ?? 'edi';
  if (field !== 'edi' && field !== 'customer_code') {
    problems.push(
      problem(
        file,
        0,
        'reference_field',
        String(field),
        'reference_field は edi か customer_code です',
        'reference_field must be edi or customer_code',
      ),
    );
  }
  if (problems.length > 0) return { problems };
  return { company: { accounts, fees, referenceField: field as ReferenceField }, problems };
}

function oneAccount(o: Record<string, unknown>, file: string): { accounts: DebitAccount[]; problems: Problem[] } {
  const r = parseTransferCompany(o, file);
  return { accounts: r.company ? [{ id: '', company: r.company }] : [], problems: r.problems };
}

function debitAccounts(list: unknown, o: Record<string, unknown>, file: string): { accounts: DebitAccount[]; problems: Problem[] } {
  if (!Array.isArray(list) || list.length === 0) {
    const ja = 'debit_accounts は引落口座（id, bank_code〜account_number）の一覧です';
    const en = 'debit_accounts is a list of accounts (id, bank_code … account_number)';
    return { accounts: [], problems: [problem(file, 0, 'debit_accounts', '', ja, en)] };
  }
  const accounts: DebitAccount[] = [];
  const problems: Problem[] = [];
  const ids = new Set<string>();
  list.forEach((item, i) => {
    const at = `debit_accounts[${i}]`;
    const a = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
    const id = typeof a.id === 'string' ? a.id.trim() : '';
    if (!ACCOUNT_ID.test(id) || ids.has(id)) {
      problems.push(
        problem(
          file,
          0,
          `${at}.id`,
          id,
          'id は口座ごとに異なる英数字・-・_（20文字まで）です（出力ファイル名に使います）',
          'each account needs its own id of letters, digits, - or _ (up to 20): it names its file',
        ),
      );
    }
    ids.add(id);
    const r = parseTransferCompany({ ...o, ...a }, file);
    problems.push(...r.problems.map((p) => ({ ...p, column: `${at}.${p.column}` })));
    if (r.company) accounts.push({ id, company: r.company });
  });
  return { accounts, problems };
}
