/**
 * Issuing an invoice under its number (適格請求書の交付): a number is issued once. When something
 * was issued under it before, what was issued then decides whether this is the same invoice again
 * or a conflict. `urakata invoices` (files in a folder) and the Lambda batch (the store's claim on
 * the number, then the PDF of its month) both decide here.
 */
import { problem, type Problem } from '../errors.js';

/** The invoice about to be issued. */
export interface IssueAttempt {
  /** SHA-256 of its PDF. */
  readonly sha256: string;
  readonly issue_date: string;
  /** The batch issuing it, where there is one (the Lambda batch). */
  readonly batch?: string;
}

/** What was issued before under the same number, as far as the place it was kept tells. */
export interface EarlierIssue {
  /** SHA-256 of the PDF issued then; unknown is never taken for the same. */
  readonly sha256: string | undefined;
  /** Its issue date, where it is kept apart from the PDF (the store's claim on the number). */
  readonly issue_date?: string | undefined;
  /** The batch that wrote it, where that is kept. */
  readonly batch?: string | undefined;
}

/**
 * - `issued`: nothing was issued under the number before, or this same batch wrote these very
 *   bytes (a retry of its own write);
 * - `unchanged`: the same invoice (same PDF, same issue date) was issued by an earlier run or batch;
 * - `conflict`: other content, or the same number on another issue date. An issued invoice is
 *   never overwritten: a correction is a new document under a new number (消費税法57条の4④).
 * @example issueDecision({ sha256: 'ab…', issue_date: '2026-05-31' }, undefined) // 'issued'
 * @example issueDecision({ sha256: 'ab…', issue_date: '2026-05-31' }, { sha256: 'ab…' }) // 'unchanged'
 * @example issueDecision({ sha256: 'ab…', issue_date: '2026-05-31' }, { sha256: 'cd…' }) // 'conflict'
 */
export function issueDecision(attempt: IssueAttempt, earlier: EarlierIssue | undefined): 'issued' | 'unchanged' | 'conflict' {
  if (!earlier) return 'issued';
  if (earlier.sha256 !== attempt.sha256) return 'conflict';
  if (earlier.issue_date !== undefined && earlier.issue_date !== attempt.issue_date) return 'conflict';
  return attempt.batch !== undefined && earlier.batch === attempt.batch ? 'issued' : 'unchanged';
}

/**
 * The problem reported for a conflict: the invoice is not issued, the earlier one stays.
 * @example issueConflict('lines.csv', 2, 'A-1') // { row: 2, column: 'invoice_no', value: 'A-1', message_ja: 'この請求書番号は発行済みで、…' }
 */
export function issueConflict(file: string, row: number, invoiceNo: string): Problem {
  return problem(
    file,
    row,
    'invoice_no',
    invoiceNo,
    'この請求書番号は発行済みで、内容が異なります。発行済みの請求書は上書きしません（訂正は新しい番号で発行してください）',
    'this invoice number was already issued with different content; an issued invoice is never overwritten (issue a correction under a new number)',
  );
}
