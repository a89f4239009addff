/** core/invoice/batch-counts.ts: one name for each count of an invoice batch, in the CLI, the Excel pane and the Sheets sidebar. */
import { describe, expect, it } from 'vitest';
import { BATCH_COUNT_NAMES, batchCountsText } from '../../../core/invoice/batch-counts.js';

describe('batchCountsText', () => {
  it('gives the counts of `urakata invoices` in the table’s order, whatever order they came in', () => {
    const text = batchCountsText({ warnings: 2, conflicts: 0, rejected: 1, unchanged: 3, issued: 40 });
    expect(text.ja).toBe('発行 40件・発行済みで変更なし 3件・却下 1件・番号の衝突 0件・警告 2件');
    expect(text.en).toBe('issued 40, unchanged 3, rejected 1, conflicts 0, warnings 2');
  });

  it('names every count a finished API batch carries, invoices first', () => {
    const done = { invoices: 1200, issued: 1199, unchanged: 0, rejected: 1, conflicts: 0, warnings: 0 };
    expect(Object.keys(done).filter((k) => !(k in BATCH_COUNT_NAMES))).toEqual([]);
    expect(batchCountsText(done, (n) => n.toLocaleString('ja-JP')).ja).toBe(
      '請求書 1,200件・発行 1,199件・発行済みで変更なし 0件・却下 1件・番号の衝突 0件・警告 0件',
    );
  });

  it('gives a running batch’s counts, an unknown count under its own key, and nothing for none', () => {
    expect(batchCountsText({ rejected: 1, invoices: 3 })).toEqual({ ja: '請求書 3件・却下 1件', en: 'invoices 3, rejected 1' });
    expect(batchCountsText({ retried: 2, issued: 1 })).toEqual({ ja: '発行 1件・retried 2件', en: 'issued 1, retried 2' });
    expect(batchCountsText({})).toEqual({ ja: '', en: '' });
  });

  it('calls a rejected invoice 却下 (the CLI’s word), not エラー or 不備', () => {
    expect(BATCH_COUNT_NAMES.rejected).toEqual({ ja: '却下', en: 'rejected' });
  });
});
