/**
 * The 仕訳 a cloud run writes beside its results as `journal.csv` (linked as `journalUrl`): the
 * neutral CSV with the default accounts (docs/journal.md), the bytes `--journal FILE` writes for
 * the same entries. UTF-8 holds any name, so nothing is refused.
 */
import type { JournalEntry } from '../../core/journal/entry.js';
import { writeJournal } from '../../core/journal/formats.js';

/** @example journalCsv(payrollJournal(rows, 'salary')) // "entry_no,date,side,account,…" as UTF-8 bytes */
export function journalCsv(entries: readonly JournalEntry[]): Uint8Array {
  return writeJournal(entries, 'csv', 'journal.csv').data ?? new Uint8Array();
}
