/** The match table as users see it: one row per deposit, the same columns in CSV, JSON and RECONCILE. */
import { type Cell, csvPieces, writeCsv } from '../csv/write.js';
import type { Decision } from './types.js';

export const RECONCILE_COLUMNS = [
  'bank_line',
  'date',
  'amount',
  'payer',
  'payer_key',
  'status',
  'method',
  'customer_id',
  'invoice_ids',
  'fee',
  'difference',
  'difference_treatment',
  'confidence',
  'reason',
] as const;

export type ReconcileRow = Record<(typeof RECONCILE_COLUMNS)[number], string | number>;

/**
 * One output row. `bank_line` is the statement's own id (照会番号) when it has one, else the
 * 1-based position of the line among the statement's data records; `invoice_ids` is
 * `;`-separated (for a suggestion: the best candidate).
 * @example decisionRow(decision).status // 'auto'
 */
export function decisionRow(d: Decision): ReconcileRow {
  const cells = decisionCells(d);
  const row = {} as ReconcileRow;
  RECONCILE_COLUMNS.forEach((c, i) => {
    row[c] = cells[i] as string | number;
  });
  return row;
}

/** One output row as its cells, in the order of RECONCILE_COLUMNS. */
function decisionCells(d: Decision): (string | number)[] {
  return [
    d.line.id !== '' ? d.line.id : d.line.line,
    d.line.date,
    d.line.amount,
    d.line.payer,
    d.payerKey,
    d.status,
    d.method,
    d.customerId,
    invoiceIds(d),
    d.fee,
    d.difference,
    d.differenceTreatment,
    d.confidence,
    d.reason,
  ];
}

function invoiceIds(d: Decision): string {
  if (d.allocations.length === 1) return (d.allocations[0] as Decision['allocations'][number]).invoiceId;
  return d.allocations.map((a) => a.invoiceId).join(';');
}

/**
 * The match table with its header row: what RECONCILE returns and the panes write to 消込結果,
 * the rows of the CLI's CSV.
 * @example reconcileTable(decisions)[0] // ['bank_line', 'date', 'amount', …]
 */
export function reconcileTable(decisions: readonly Decision[]): (string | number)[][] {
  return [...reconcileRows(decisions)];
}

/** The header, then each deposit's row, made as they are asked for. */
function* reconcileRows(decisions: readonly Decision[]): Generator<(string | number)[]> {
  yield [...RECONCILE_COLUMNS];
  for (const d of decisions) yield decisionCells(d);
}

/**
 * The match table as the CSV file `urakata reconcile --out` and the cloud job write (UTF-8 with
 * BOM). Each row is made, written and let go in turn: 200,000 deposits are never held twice.
 * @example new TextDecoder().decode(reconcileCsv(decisions)).split('\r\n')[0] // '\uFEFFbank_line,date,amount,…'
 */
export function reconcileCsv(decisions: readonly Decision[]): Uint8Array {
  return writeCsv(reconcileRows(decisions) as Iterable<readonly Cell[]>);
}

/**
 * reconcileCsv's bytes in pieces, for a writer that streams them (csvPieces: each piece is valid
 * until the next is asked for).
 */
export function reconcileCsvPieces(decisions: readonly Decision[]): Iterable<Uint8Array> {
  return csvPieces(reconcileRows(decisions) as Iterable<readonly Cell[]>);
}

export interface ReconcileSummary {
  readonly deposits: number;
  readonly auto: number;
  readonly suggested: number;
  readonly unmatched: number;
  /** Yen cleared automatically. */
  readonly autoAmount: number;
}

/**
 * Counts by status, and the yen cleared automatically.
 * @example summarize(decisions).auto // 7
 */
export function summarize(decisions: readonly Decision[]): ReconcileSummary {
  // One pass: 200,000 decisions are read once, not four times.
  let auto = 0;
  let suggested = 0;
  let autoAmount = 0;
  for (const d of decisions) {
    if (d.status === 'auto') {
      auto++;
      autoAmount += d.line.amount;
    } else if (d.status === 'suggested') suggested++;
  }
  return { deposits: decisions.length, auto, suggested, unmatched: decisions.length - auto - suggested, autoAmount };
}

/**
 * How many deposits of a match table (reconcileTable's, header first) have each status: the
 * summary a host has when it holds the table, not the decisions (the Sheets table job).
 * @example tableStatusCounts(reconcileTable(decisions)) // { auto: 182, suggested: 11, unmatched: 7 }
 */
export function tableStatusCounts(table: readonly (readonly unknown[])[]): Record<string, number> {
  const at = table[0]?.indexOf('status') ?? -1;
  const counts: Record<string, number> = {};
  if (at < 0) return counts;
  for (const row of table.slice(1)) {
    const v = String(row[at] ?? '');
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}
