/**
 * The counts of an invoice batch, named once for every host: `urakata invoices` prints them, the
 * API's batch status carries them (functions/invoice/batch/finalize.ts; `invoices` and
 * `rejected` already while it runs), and the Excel task pane and the Sheets sidebar show them.
 */

/**
 * Each count's name, in the order they are listed. `rejected` is 却下: invoices refused whole
 * for a problem in one of their rows (errors.csv also lists warnings, which reject nothing).
 * @example BATCH_COUNT_NAMES.rejected.ja // '却下'
 */
export const BATCH_COUNT_NAMES = {
  invoices: { ja: '請求書', en: 'invoices' },
  issued: { ja: '発行', en: 'issued' },
  unchanged: { ja: '発行済みで変更なし', en: 'unchanged' },
  rejected: { ja: '却下', en: 'rejected' },
  conflicts: { ja: '番号の衝突', en: 'conflicts' },
  warnings: { ja: '警告', en: 'warnings' },
} as const satisfies Readonly<Record<string, { readonly ja: string; readonly en: string }>>;

export type BatchCount = keyof typeof BATCH_COUNT_NAMES;

/**
 * The counts given, in the table's order (any other after them under its own key), as one line in
 * each language. Numbers as `format` writes them (plain digits by default).
 * @example batchCountsText({ issued: 2, rejected: 1 }).ja // '発行 2件・却下 1件'
 * @example batchCountsText({ issued: 2, rejected: 1 }).en // 'issued 2, rejected 1'
 */
export function batchCountsText(
  counts: Readonly<Record<string, number>>,
  format: (n: number) => string = String,
): { readonly ja: string; readonly en: string } {
  const names: Readonly<Record<string, { readonly ja: string; readonly en: string }>> = BATCH_COUNT_NAMES;
  const order = Object.keys(names);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const entries = Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b));
  return {
    ja: entries.map(([k, n]) => `${names[k]?.ja ?? k} ${format(n)}件`).join('・'),
    en: entries.map(([k, n]) => `${names[k]?.en ?? k} ${format(n)}`).join(', '),
  };
}
