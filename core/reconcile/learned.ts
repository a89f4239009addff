/**
 * What the engine has learned from confirmed matches, as a table the user can read and edit
 * (マネーフォワード クラウド債権管理 keeps the same: 振込依頼人名カナ + 仕向銀行 + 仕向支店 →
 * 得意先コード with a count, and per-customer fee amounts — 振込手数料金額学習).
 * One CSV, one row per fact:
 *   kind=payer  payer_key (+ remitter_bank, remitter_branch) → customer_id
 *   kind=code   payer_key = 振込依頼人コード → customer_id
 *   kind=fee    customer_id deducts `fee`
 */
import { type Cell, objectsToRows } from '../csv/write.js';
import { integer, nonNegativeYen, oneOf, text, date } from '../csv/columns.js';
import { readTable } from '../csv/table.js';
import type { IsoDate } from '../dates/calendar.js';
import type { Problem } from '../errors.js';
import { kanaKey } from '../kana/normalize.js';
import { parsePayerName } from '../kana/payer-name.js';
import { compareText } from './invoice-key.js';
import type { Decision } from './types.js';

export interface LearnedFact {
  readonly kind: 'payer' | 'code' | 'fee';
  readonly payerKey: string;
  readonly remitterBank: string;
  readonly remitterBranch: string;
  readonly customerId: string;
  readonly fee: number;
  readonly count: number;
  readonly lastDate: IsoDate | '';
}

export interface Learned {
  readonly facts: readonly LearnedFact[];
}

export const EMPTY_LEARNED: Learned = { facts: [] };

export const LEARNED_COLUMNS = [
  'kind',
  'payer_key',
  'remitter_bank',
  'remitter_branch',
  'customer_id',
  'fee',
  'count',
  'last_date',
] as const;

const SCHEMA = {
  kind: oneOf({ payer: 'payer', code: 'code', fee: 'fee', 名義: 'payer', 依頼人コード: 'code', 手数料: 'fee' } as const, 'kind', '種類'),
  payer_key: text('payer_key', '振込名義キー').withDefault(''),
  remitter_bank: text('remitter_bank', '仕向銀行').withDefault(''),
  remitter_branch: text('remitter_branch', '仕向支店').withDefault(''),
  customer_id: text('customer_id', '得意先コード'),
  fee: nonNegativeYen('fee', '手数料').withDefault(0),
  count: integer('count', '回数').withDefault(1),
  last_date: date('last_date', '最終日').asOptional(),
};

/**
 * Reads a learned table. Keys are re-normalised, so a user may type a name in any kana.
 * @example readLearned('kind,payer_key,customer_id\npayer,ﾔﾏﾀﾞ,C001', 'learned.csv').learned.facts[0]?.payerKey // 'ヤマダ'
 */
export function readLearned(input: Uint8Array | string, file: string): { learned: Learned; problems: Problem[] } {
  const t = readTable(input, SCHEMA, { file });
  const facts = t.rows.map(({ value: v }) => ({
    kind: v.kind,
    payerKey: v.kind === 'payer' ? parsePayerName(v.payer_key).key : v.payer_key.trim(),
    remitterBank: kanaKey(v.remitter_bank),
    remitterBranch: kanaKey(v.remitter_branch),
    customerId: v.customer_id,
    fee: v.fee,
    count: v.count,
    lastDate: v.last_date ?? '',
  }));
  return { learned: { facts }, problems: t.problems };
}

/**
 * The learned table as CSV rows (header first), sorted for stable diffs.
 * @example writeCsv(learnedToRows(learned)) // bytes of learned.csv
 */
export function learnedToRows(learned: Learned): Cell[][] {
  const sorted = [...learned.facts].sort(
    (a, b) =>
      compareText(a.kind, b.kind) || compareText(a.payerKey, b.payerKey) || compareText(a.customerId, b.customerId) || a.fee - b.fee,
  );
  return objectsToRows(
    LEARNED_COLUMNS,
    sorted.map((f) => ({
      kind: f.kind,
      payer_key: f.payerKey,
      remitter_bank: f.remitterBank,
      remitter_branch: f.remitterBranch,
      customer_id: f.customerId,
      fee: f.kind === 'fee' ? f.fee : '',
      count: f.count,
      last_date: f.lastDate,
    })),
  );
}

function factKey(f: Pick<LearnedFact, 'kind' | 'payerKey' | 'remitterBank' | 'remitterBranch' | 'customerId' | 'fee'>): string {
  return [f.kind, f.payerKey, f.remitterBank, f.remitterBranch, f.customerId, f.fee].join('\u0000');
}

/** Adds one observation to a fact (count + 1, newest date) or creates it. */
function teach(map: Map<string, LearnedFact>, fact: Omit<LearnedFact, 'count'>): void {
  const key = factKey(fact);
  const old = map.get(key);
  map.set(key, {
    ...fact,
    count: (old?.count ?? 0) + 1,
    lastDate: old && old.lastDate > fact.lastDate ? old.lastDate : fact.lastDate,
  });
}

/**
 * The learned table after these decisions were accepted: the payer name (with 仕向銀行・支店)
 * and any 振込依頼人コード now point to the customer, and a deducted fee joins the customer's fees.
 * @example learnFrom(EMPTY_LEARNED, decisions.filter((d) => d.status === 'auto'))
 */
export function learnFrom(learned: Learned, decisions: Iterable<Decision>): Learned {
  const map = new Map(learned.facts.map((f) => [factKey(f), f] as const));
  for (const d of decisions) {
    if (d.customerId === '') continue;
    const base = { remitterBank: '', remitterBranch: '', customerId: d.customerId, fee: 0, lastDate: d.line.date };
    if (d.payerKey !== '') {
      teach(map, {
        ...base,
        kind: 'payer',
        payerKey: d.payerKey,
        remitterBank: kanaKey(d.line.remitterBank),
        remitterBranch: kanaKey(d.line.remitterBranch),
      });
    }
    const code = d.line.payerCode || parsePayerName(d.line.payer).payerNumber;
    if (code !== '') teach(map, { ...base, kind: 'code', payerKey: code });
    if (d.fee > 0) teach(map, { ...base, kind: 'fee', payerKey: '', fee: d.fee });
  }
  return { facts: [...map.values()] };
}

/**
 * Confirming a suggestion (消込の確定) teaches it: next time the same payer is matched to the
 * customer automatically, and the fee it deducted is known.
 * @example confirmSuggestion(learned, decision).facts.some((f) => f.customerId === decision.customerId) // true
 */
export function confirmSuggestion(learned: Learned, decision: Decision): Learned {
  return learnFrom(learned, [decision]);
}

const CONFIRMED_SCHEMA = {
  status: text('status', '状態'),
  payer: text('payer', '振込依頼人名').withDefault(''),
  payer_key: text('payer_key', '振込名義キー').withDefault(''),
  customer_id: text('customer_id', '得意先コード').withDefault(''),
  fee: nonNegativeYen('fee', '手数料').withDefault(0),
  date: date('date', '日付'),
};

/** Status values a user writes over `suggested` to confirm a row of a previous result. */
const CONFIRMED = new Set(['confirmed', 'confirm', 'ok', '確定', '確認済', '確認済み']);

/**
 * Confirmations from a previous result file: the user changes `status` of the rows they accept
 * to `confirmed` (確定), correcting `customer_id` or `fee` if needed; each such row teaches its
 * payer name and fee, like confirmSuggestion.
 * @example learnConfirmed(EMPTY_LEARNED, resultCsv, 'result.csv').confirmed // 3
 */
export function learnConfirmed(
  learned: Learned,
  input: Uint8Array | string,
  file: string,
): { learned: Learned; confirmed: number; problems: Problem[] } {
  const t = readTable(input, CONFIRMED_SCHEMA, { file });
  const map = new Map(learned.facts.map((f) => [factKey(f), f] as const));
  let confirmed = 0;
  for (const { value: v } of t.rows) {
    if (!CONFIRMED.has(v.status.toLowerCase()) || v.customer_id === '') continue;
    confirmed++;
    const base = { remitterBank: '', remitterBranch: '', customerId: v.customer_id, fee: 0, lastDate: v.date };
    const payerKey = v.payer_key !== '' ? v.payer_key : parsePayerName(v.payer).key;
    if (payerKey !== '') teach(map, { ...base, kind: 'payer', payerKey });
    if (v.fee > 0) teach(map, { ...base, kind: 'fee', payerKey: '', fee: v.fee });
  }
  return { learned: { facts: [...map.values()] }, confirmed, problems: t.problems };
}
