/**
 * The `--company` JSON of a 総合振込: the same keys as the 給与振込 company (the 振込依頼人 and its
 * one debit account), and optionally its bank's fee table (`transfer_fees`) and where the payables'
 * `reference` goes (`reference_field`: `edi` or `customer_code`).
 */
import { type Problem, problem } from '../../errors.js';
import { parseTransferCompany } from './company.js';
import type { TransferCompany } from './file.js';
import { parseTransferFeeBands, type TransferFeeBand } from './fees.js';

/** EDI情報 (識別表示 Y, reaches the payee) or 顧客コード1 (for the payer's own use). */
export type ReferenceField = 'edi' | 'customer_code';

export interface PaymentCompany {
  readonly company: TransferCompany;
  /** The company's own fee table; undefined = the default table for the date. */
  readonly fees?: readonly TransferFeeBand[] | undefined;
  readonly referenceField: ReferenceField;
}

/** Keys some files use for a list of debit accounts: one file pays from one account. */
const ACCOUNT_LISTS = ['accounts', 'debit_accounts'];

/**
 * Reads the company JSON of a 総合振込, every problem at once.
 * @example parsePaymentCompany({company_code: '1234567890', …, transfer_fees: [{from: 1, same_branch: 0, same_bank: 110, other_bank: 380}]}, 'company.json')
 */
export function parsePaymentCompany(json: unknown, file: string): { company?: PaymentCompany; problems: Problem[] } {
  const base = parseTransferCompany(json, file);
  const problems = [...base.problems];
  const o = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  for (const key of ACCOUNT_LISTS) {
    if (o[key] === undefined) continue;
    problems.push(
      problem(
        file,
        0,
        key,
        '',
        '総合振込ファイルは引落口座1つにつき1ファイルです。口座ごとに会社ファイル（bank_code〜account_number）と支払ファイルを分けて実行してください',
        'a 総合振込 file pays from one debit account: run once per account, each with its own company file (bank_code … account_number) and payables',
      ),
    );
  }
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
  if (problems.length > 0 || !base.company) return { problems };
  return { company: { company: base.company, fees, referenceField: field as ReferenceField }, problems };
}
