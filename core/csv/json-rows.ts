/**
 * A table written as JSON — an array of row objects, as Urakata's `--out x.json` writes one — read
 * back as the CSV text of the same table, so that one CSV reader (with its checks and its problems
 * named by row and column) reads both.
 */
import { decodeText } from './encoding.js';
import { toCsvText } from './write.js';

/**
 * `data` as CSV text of `columns` (in that order; a cell a string or a number, null or missing
 * blank) when it is a JSON array of row objects, each with its first column filled. `keep:
 * 'present'` leaves out a column no row has: a file written before that column existed reads as
 * a CSV of then, without it. 'not-json': read `data` as CSV. 'other': JSON that is no such table.
 * @example jsonRowsAsCsv('[{"employee_id":"1","difference":-5}]', ['employee_id', 'difference']) // 'employee_id,difference\n1,-5\n'
 */
export function jsonRowsAsCsv(
  data: string | Uint8Array,
  columns: readonly string[],
  keep: 'all' | 'present' = 'all',
): string | 'not-json' | 'other' {
  const text = typeof data === 'string' ? data : decodeText(data).text;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('[') && !start.startsWith('{')) return 'not-json';
  let rows: unknown;
  try {
    rows = JSON.parse(start);
  } catch {
    return 'other';
  }
  if (!Array.isArray(rows) || rows.length === 0) return 'other';
  const objects: Record<string, unknown>[] = [];
  for (const r of rows) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) return 'other';
    objects.push(r as Record<string, unknown>);
  }
  const kept = keep === 'all' ? columns : columns.filter((c) => objects.some((o) => o[c] !== undefined));
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' || typeof v === 'number' ? v : undefined);
  const table: (string | number)[][] = [];
  for (const o of objects) {
    const row = kept.map((c) => cell(o[c]));
    if (row.some((c) => c === undefined) || row[0] === '' || kept[0] !== columns[0]) return 'other';
    table.push(row as (string | number)[]);
  }
  return toCsvText([[...kept], ...table]);
}
