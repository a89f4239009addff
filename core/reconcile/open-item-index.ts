/**
 * Open items indexed for matching without comparing every deposit with every invoice: by
 * customer, by (customer, amount), by amount alone, by invoice id, by virtual account and by
 * name key (a sorted key list answers "which names start with this cut name" by binary search).
 */
import { parseCustomerName, parsePayerName, type PayerName } from '../kana/payer-name.js';
import { asciiInvoiceKeyHash, compareText, invoiceKey, NOT_ASCII } from './invoice-key.js';
import { type OpenItemRows, openItemRows } from './open-item-rows.js';
import type { FeeBurden, OpenItem } from './types.js';

/**
 * An open item's position in the index: customers in first-seen order, each customer's items
 * oldest first (due date, issue date, invoice id). What is known of an item during matching is
 * kept in arrays by this position (OpenItemIndex.residual, issueKey …), not in an object per item:
 * a customer's items lie side by side in memory, and 400,000 objects fewer go through garbage
 * collection.
 */
export type Seq = number;

/** No item (where a Seq may be absent). */
export const NO_ITEM: Seq = -1;

/** A fee a payer may have deducted, and whether matching on it may be automatic. */
export interface FeeChoiceLike {
  readonly fee: number;
  readonly auto: boolean;
  readonly learned: boolean;
}

export interface CustomerBlock {
  readonly id: string;
  /** 0, 1, 2 … in the order customers were first seen: lets a run keep per-customer lists in an array. */
  readonly ordinal: number;
  readonly name: PayerName;
  readonly feeBurden: FeeBurden | undefined;
  /** The customer's own 許容差額 (yen), from its first item; undefined = the run's. */
  readonly tolerance: number | undefined;
  /** Its items are seq `start` to `end` − 1, oldest first. */
  readonly start: Seq;
  readonly end: Seq;
  /**
   * Open amount → item(s), for a customer with more than AMOUNT_INDEX_FROM items only; the
   * others are scanned (see there). One item, or several when amounts repeat.
   */
  readonly byAmount: Map<number, Seq | Seq[]> | undefined;
  /** Fee choices for this customer, filled by the matcher on first use. */
  fees: { readonly global: readonly number[] | undefined; readonly choices: readonly FeeChoiceLike[] } | undefined;
}

/**
 * A customer with at most this many items is searched by amount with a scan of its items, not
 * a hash look-up: its few dozen states sit together in memory, so the scan is as fast, and
 * 20,000 small maps cost more to build and to keep through garbage collection than they save.
 */
const AMOUNT_INDEX_FROM = 48;

const NONE: readonly Seq[] = Object.freeze([]);

export interface NameEntry {
  readonly customerId: string;
  readonly block: CustomerBlock;
  readonly via: 'name' | 'payer_names';
  readonly name: PayerName;
}

function addOne(map: Map<number, Seq | Seq[]>, key: number, value: Seq): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, value);
  else if (typeof entry === 'number') map.set(key, [entry, value]);
  else entry.push(value);
}

/**
 * Appends to the list under `key`, starting it if needed.
 * @example pushTo(byDate, '2026-06-01', deposit)
 */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What the first walk takes from each row, by its position in the file: what grouping and
 * sorting compare, so that no row is read again for it.
 */
interface Rows {
  readonly source: OpenItemRows;
  /** dateOrderKey of the due and issue dates (-1 when a date is not `YYYY-MM-DD`: its text is compared). */
  readonly dueKey: Int32Array;
  readonly issueKey: Int32Array;
}

/** Oldest first: due date, issue date, invoice id, as numbers where the dates allow. */
function olderThan(rows: Rows, a: number, b: number): number {
  return (
    (rows.dueKey[a] as number) - (rows.dueKey[b] as number) ||
    (rows.issueKey[a] as number) - (rows.issueKey[b] as number) ||
    rows.source.compareInvoiceIds(a, b)
  );
}

/** The same order read from the texts, for a customer with a date that is not `YYYY-MM-DD`. */
function olderThanAsText(rows: Rows, a: number, b: number): number {
  const s = rows.source;
  return compareText(s.dueDate(a), s.dueDate(b)) || compareText(s.issueDate(a), s.issueDate(b)) || s.compareInvoiceIds(a, b);
}

/**
 * A customer's rows oldest first. A customer has a few dozen items: an insertion sort beats
 * Array.prototype.sort, which calls its comparator for each of the ~4 n log n comparisons,
 * 20,000 times a run. Larger customers and text dates take the library sort (both stable, so
 * ties keep the rows' order).
 */
function sortOldestFirst(group: Group, rows: Rows): number[] {
  const a = group.rows;
  if (group.textDates) return a.sort((x, y) => olderThanAsText(rows, x, y));
  if (a.length > INSERTION_SORT_UP_TO) return a.sort((x, y) => olderThan(rows, x, y));
  for (let i = 1; i < a.length; i++) {
    const r = a[i] as number;
    let k = i;
    while (k > 0 && olderThan(rows, a[k - 1] as number, r) > 0) {
      a[k] = a[k - 1] as number;
      k--;
    }
    a[k] = r;
  }
  return a;
}

const INSERTION_SORT_UP_TO = 48;

/** One customer's rows (positions in the file) while the index is built. */
interface Group {
  readonly rows: number[];
  /** Some date is not `YYYY-MM-DD`: sort as text. */
  textDates: boolean;
  /** Those of its rows that name 振込名義 (most name none). */
  named: number[] | undefined;
}

/**
 * Rows grouped by customer in first-seen order, and each row's dates as order numbers, from one
 * walk over the items in the order they were read: parsed rows lie in memory in that order, so
 * one sequential read takes every field the grouping and sorting need. Receivable lists
 * usually come sorted by customer: a row of the same customer as the row before joins its
 * group without a look-up.
 */
function rowsByCustomer(source: OpenItemRows): { rows: Rows; groups: Map<string, Group>; withAccount: number[] } {
  const n = source.length;
  const rows: Rows = { source, dueKey: new Int32Array(n), issueKey: new Int32Array(n) };
  const groups = new Map<string, Group>();
  const withAccount: number[] = [];
  let lastId: string | undefined;
  let last: Group | undefined;
  for (let i = 0; i < n; i++) {
    const customerId = source.customerId(i);
    if (customerId !== lastId || !last) {
      lastId = customerId;
      last = groups.get(lastId);
      if (!last) {
        last = { rows: [], textDates: false, named: undefined };
        groups.set(lastId, last);
      }
    }
    const issueKey = source.issueKey(i);
    const dueKey = source.dueKey(i);
    rows.issueKey[i] = issueKey;
    rows.dueKey[i] = dueKey;
    if (source.virtualAccount(i) !== '') withAccount.push(i);
    last.rows.push(i);
    if (issueKey < 0 || dueKey < 0) last.textDates = true;
    if (source.payerNames(i).length > 0) {
      last.named ??= [];
      last.named.push(i);
    }
  }
  return { rows, groups, withAccount };
}

/**
 * Open items indexed for matching, each known by its Seq. Per item, by seq: what is still open
 * of it (`residual`, the one thing matching changes), its dates as order numbers, its invoice id
 * and its row.
 */
export class OpenItemIndex {
  readonly customers = new Map<string, CustomerBlock>();
  readonly byNameKey = new Map<string, NameEntry[]>();
  /** What is still open of each item (yen). */
  readonly residual: number[];
  /**
   * dateOrderKey of the issue date (-1 when it is not `YYYY-MM-DD`, and the text is compared):
   * the combination pass compares it for every open item without reading the item.
   */
  readonly issueKey: Int32Array;
  /** The items as read (by row). */
  private readonly source: OpenItemRows;
  /** The item's position in the items given. */
  private readonly rowOf: Int32Array;
  /** The customer's ordinal. */
  private readonly blockOf: Int32Array;
  private readonly blocks: CustomerBlock[] = [];
  /**
   * asciiInvoiceKeyHash of the invoice id, or NOT_ASCII: finding the invoices a statement's EDI
   * fields name compares these numbers instead of reading 400,000 ids.
   */
  private readonly keyHash: Int32Array;
  private readonly sortedKeys: string[];
  /** Items so far (the next item's seq). */
  private count = 0;
  /** The items that name a 専用口座, by row, in the order read. */
  private readonly withAccount: number[];
  /** Row → seq, while the index is built and for the 専用口座 look-up. */
  private readonly seqOfRow: Int32Array;
  // Built on first use: most statements carry no virtual account.
  private vaIndex: Map<string, Seq[]> | undefined;
  /**
   * One string for each distinct reason the run's decisions give. 200,000 decisions of the
   * benchmark give about 14,000 texts (「振込名義が得意先カナと一致、請求残高と金額一致」 alone
   * 64,000 times); each made by joining pieces was kept apart, and made whole again when written.
   * Kept by the index because it lives as long as the run, and no longer.
   */
  private readonly reasons = new Map<string, string>();

  /** From the items a host made, or from the columns readOpenItemRows filled. */
  constructor(items: readonly OpenItem[] | OpenItemRows) {
    const source = isRows(items) ? items : openItemRows(items);
    const n = source.length;
    this.source = source;
    this.residual = new Array<number>(n).fill(0);
    this.issueKey = new Int32Array(n);
    this.keyHash = new Int32Array(n);
    this.rowOf = new Int32Array(n);
    this.blockOf = new Int32Array(n);
    this.seqOfRow = new Int32Array(n);
    // A customer's invoices repeat its 振込名義: each distinct one is parsed once.
    const aliases = new Map<string, PayerName>();
    const { rows, groups, withAccount } = rowsByCustomer(source);
    this.withAccount = withAccount;
    for (const group of groups.values()) this.addCustomer(group, rows, aliases);
    this.sortedKeys = [...this.byNameKey.keys()].sort();
  }

  /** The item at `seq`, as read (made when asked for, from columns). */
  item(seq: Seq): OpenItem {
    return this.source.item(this.rowOf[seq] as number);
  }

  /** The invoice id of the item at `seq` (every decision names its invoices). */
  invoiceId(seq: Seq): string {
    return this.source.invoiceId(this.rowOf[seq] as number);
  }

  /** `reason` as the one string the run keeps for that text. */
  reasonText(reason: string): string {
    const known = this.reasons.get(reason);
    if (known !== undefined) return known;
    this.reasons.set(reason, reason);
    return reason;
  }

  /**
   * Whether the item at `seq` was issued by a payment's day (`day`, its dateOrderKey, or -1 when it
   * has none; then the dates as text): a payment settles only what was invoiced by then.
   */
  issuedBy(seq: Seq, day: number, date: string): boolean {
    const issued = this.issueKey[seq] as number;
    return issued >= 0 && day >= 0 ? issued <= day : this.item(seq).issueDate <= date;
  }

  /**
   * A customer's oldest `limit` open items issued by a payment's day (issuedBy), added to `open`
   * and their open amounts to `amounts`; true when more such items were left out (a combination
   * found among those taken is then not the only one that may fit).
   */
  takeOldestIssued(block: CustomerBlock, day: number, date: string, limit: number, open: Seq[], amounts: number[]): boolean {
    const { residual } = this;
    let taken = 0;
    let s = block.start;
    for (; s < block.end && taken < limit; s++) {
      const left = residual[s] as number;
      if (left <= 0 || !this.issuedBy(s, day, date)) continue;
      open.push(s);
      amounts.push(left);
      taken++;
    }
    for (; s < block.end; s++) if ((residual[s] as number) > 0 && this.issuedBy(s, day, date)) return true;
    return false;
  }

  /** The customer an item belongs to. */
  blockOfItem(seq: Seq): CustomerBlock {
    return this.blocks[this.blockOf[seq] as number] as CustomerBlock;
  }

  /** One customer's items, oldest first (due date, issue date, invoice id), and its names. */
  private addCustomer(group: Group, rows: Rows, aliases: Map<string, PayerName>): void {
    const sorted = sortOldestFirst(group, rows);
    const source = this.source;
    const first = sorted[0] as number;
    const customerId = source.customerId(first);
    const name = parseCustomerName(source.customerKana(first), source.customerName(first));
    const start = this.count;
    const byAmount = sorted.length > AMOUNT_INDEX_FROM ? new Map<number, Seq | Seq[]>() : undefined;
    const block: CustomerBlock = {
      id: customerId,
      ordinal: this.blocks.length,
      name,
      feeBurden: source.feeBurden(first),
      tolerance: source.tolerance(first),
      start,
      end: start + sorted.length,
      byAmount,
      fees: undefined,
    };
    this.blocks.push(block);
    this.customers.set(customerId, block);
    if (name.key !== '') this.addName(name.key, { customerId, block, via: 'name', name });
    for (let i = 0; i < sorted.length; i++) {
      const row = sorted[i] as number;
      const seq = this.count++;
      const amount = source.amount(row);
      this.rowOf[seq] = row;
      this.seqOfRow[row] = seq;
      this.blockOf[seq] = block.ordinal;
      this.residual[seq] = amount;
      this.issueKey[seq] = rows.issueKey[row] as number;
      this.keyHash[seq] = source.keyHash(row);
      if (byAmount) addOne(byAmount, amount, seq);
    }
    // In the customer's order, as before: the first spelling of a key is the one kept.
    const named = group.named?.sort((a, b) => (this.seqOfRow[a] as number) - (this.seqOfRow[b] as number)) ?? [];
    for (const row of named) {
      const names = source.payerNames(row);
      for (let k = 0; k < names.length; k++) {
        const alias = names[k] as string;
        let name = aliases.get(alias);
        if (!name) {
          name = parsePayerName(alias);
          aliases.set(alias, name);
        }
        const list = this.byNameKey.get(name.key);
        if (name.key !== '' && !list?.some((e) => e.customerId === customerId)) {
          this.addName(name.key, { customerId, block, via: 'payer_names', name });
        }
      }
    }
  }

  private addName(key: string, entry: NameEntry): void {
    const list = this.byNameKey.get(key);
    if (!list) this.byNameKey.set(key, [entry]);
    else if (!list.some((e) => e.customerId === entry.customerId && e.via === entry.via)) list.push(entry);
  }

  /**
   * Items whose invoice key is one of `keys`. A key two items share (INV-001 and INV001, of one
   * customer or of two) names neither: it is left out, and the payer decides (the later of the two
   * had answered, and cleared another customer's invoice automatically). A statement's EDI
   * fields name a few thousand invoices: indexing every id would keep hundreds of thousands of
   * key strings alive for a handful of look-ups.
   */
  invoicesWithKeys(keys: ReadonlySet<string>): Map<string, Seq> {
    const found = new Map<string, Seq>();
    const shared: string[] = [];
    if (keys.size === 0) return found;
    // Building the key string of every id only to drop it again is most of the cost: an ASCII
    // id is first compared by a hash of its key computed in place, and keyed only on a hit.
    const hashes = new Set<number>();
    for (const key of keys) {
      const h = asciiInvoiceKeyHash(key);
      if (h !== undefined) hashes.add(h);
    }
    for (let s = 0; s < this.count; s++) {
      const h = this.keyHash[s] as number;
      // An ASCII id whose hash happens to be NOT_ASCII is only checked in full.
      if (h !== NOT_ASCII && !hashes.has(h)) continue;
      const key = invoiceKey(this.invoiceId(s));
      // The empty key (an id of separators only) names no invoice.
      if (key === '' || !keys.has(key)) continue;
      if (found.has(key)) shared.push(key);
      found.set(key, s);
    }
    for (const key of shared) found.delete(key);
    return found;
  }

  /** Items by 専用口座 (digits only), oldest first. */
  get byVirtualAccount(): Map<string, Seq[]> {
    if (!this.vaIndex) {
      this.vaIndex = new Map();
      const seqs = this.withAccount.map((row) => this.seqOfRow[row] as number).sort((a, b) => a - b);
      for (const s of seqs) pushTo(this.vaIndex, this.item(s).virtualAccount.replace(/\D/g, ''), s);
    }
    return this.vaIndex;
  }

  /** Name entries whose key starts with `prefix` (binary search over the sorted keys). */
  keysStartingWith(prefix: string, limit = 50): NameEntry[] {
    const keys = this.sortedKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: NameEntry[] = [];
    for (let i = lo; i < keys.length && out.length < limit; i++) {
      const key = keys[i] ?? '';
      if (!key.startsWith(prefix)) break;
      out.push(...(this.byNameKey.get(key) ?? []));
    }
    return out;
  }

  /** A customer's items with something still open, oldest first. */
  openItems(block: CustomerBlock): Seq[] {
    const out: Seq[] = [];
    for (let s = block.start; s < block.end; s++) if ((this.residual[s] as number) > 0) out.push(s);
    return out;
  }

  /** Open items of a customer with exactly this open amount, oldest first. */
  openWithAmount(block: CustomerBlock, amount: number): Seq[] {
    if (amount <= 0) return [];
    const residual = this.residual;
    if (!block.byAmount) {
      const found: Seq[] = [];
      for (let s = block.start; s < block.end; s++) if (residual[s] === amount) found.push(s);
      return found;
    }
    const entry = block.byAmount.get(amount);
    if (entry === undefined) return [];
    if (typeof entry === 'number') return residual[entry] === amount ? [entry] : [];
    return entry.filter((s) => residual[s] === amount).sort((a, b) => a - b);
  }

  /** Open items of a customer with this open amount other than `first`, oldest first; no allocation when there are none. */
  othersWithAmount(block: CustomerBlock, amount: number, first: Seq): readonly Seq[] {
    if (block.byAmount) return this.openWithAmount(block, amount).filter((s) => s !== first);
    let others: Seq[] | undefined;
    for (let s = block.start; s < block.end; s++) {
      if (this.residual[s] !== amount || s === first) continue;
      others ??= [];
      others.push(s);
    }
    return others ?? NONE;
  }

  /** The oldest open item of a customer with exactly this open amount, or NO_ITEM (no allocation: probed per fee). */
  oldestWithAmount(block: CustomerBlock, amount: number): Seq {
    if (amount <= 0) return NO_ITEM;
    const residual = this.residual;
    if (!block.byAmount) {
      for (let s = block.start; s < block.end; s++) if (residual[s] === amount) return s;
      return NO_ITEM;
    }
    const entry = block.byAmount.get(amount);
    if (entry === undefined) return NO_ITEM;
    if (typeof entry === 'number') return residual[entry] === amount ? entry : NO_ITEM;
    let best = NO_ITEM;
    for (const s of entry) if (residual[s] === amount && (best === NO_ITEM || s < best)) best = s;
    return best;
  }

  /**
   * Open items of any customer whose open amount is one of `amounts`, oldest first (by seq).
   * Asked once, after the passes, for the amounts of deposits no customer claims: one walk
   * over the items instead of an amount index of every item.
   */
  openWithAmounts(amounts: ReadonlySet<number>): Map<number, Seq[]> {
    const found = new Map<number, Seq[]>();
    if (amounts.size === 0) return found;
    const residual = this.residual;
    for (let s = 0; s < this.count; s++) {
      const open = residual[s] as number;
      if (open > 0 && amounts.has(open)) pushTo(found, open, s);
    }
    return found;
  }

  /** Clears `amount` from an item, keeping the amount indexes right for what stays open. */
  apply(seq: Seq, amount: number): void {
    const open = this.residual[seq] as number;
    if (amount <= 0 || amount > open) throw new RangeError(`cannot apply ${amount} to ${this.invoiceId(seq)} (open ${open})`);
    this.residual[seq] = open - amount;
    if (open - amount > 0) {
      const byAmount = this.blockOfItem(seq).byAmount;
      if (byAmount) addOne(byAmount, open - amount, seq);
    }
  }

  /** What each invoice still has open, by invoice id. */
  remaining(): Map<string, number> {
    const out = new Map<string, number>();
    for (let s = 0; s < this.count; s++) out.set(this.invoiceId(s), this.residual[s] as number);
    return out;
  }
}

function isRows(items: readonly OpenItem[] | OpenItemRows): items is OpenItemRows {
  return typeof (items as Partial<OpenItemRows>).keyHash === 'function';
}
