/**
 * Open items indexed for matching without comparing every deposit with every invoice: by
 * customer, by (customer, amount), by amount alone, by invoice id, by virtual account and by
 * name key (a sorted key list answers "which names start with this cut name" by binary search).
 */
import { dateOrderKey } from '../dates/calendar.js';
import { kanaNfkc } from '../kana/normalize.js';
import { parseCustomerName, parsePayerName, type PayerName } from '../kana/payer-name.js';
import type { FeeBurden, OpenItem } from './types.js';

/** An open item with what is still open of it. */
export interface ItemState {
  readonly item: OpenItem;
  /** item.invoiceId, kept here: every decision names it, and the item itself sits elsewhere in memory. */
  readonly invoiceId: string;
  /**
   * dateOrderKey of item.issueDate (-1 when it is not `YYYY-MM-DD`, and the text is compared):
   * the combination pass compares it for every open item without reading the item.
   */
  readonly issueKey: number;
  /** dateOrderKey of the due date, likewise. */
  readonly dueKey: number;
  residual: number;
  /**
   * asciiInvoiceKeyHash of the invoice id, or NOT_ASCII: taken while the row is read anyway,
   * so that finding the invoices a statement's EDI fields name does not read 400,000 ids again.
   */
  readonly keyHash: number;
  /** Position in the index: customers in first-seen order, each customer's items oldest first (due date, issue date, invoice id). */
  seq: number;
}

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
  /** Oldest first. */
  readonly items: ItemState[];
  /**
   * Open amount → item(s), for a customer with more than AMOUNT_INDEX_FROM items only; the
   * others are scanned (see there). One item, or several when amounts repeat.
   */
  readonly byAmount: Map<number, ItemState | ItemState[]> | undefined;
  /** Fee choices for this customer, filled by the matcher on first use. */
  fees: { readonly global: readonly number[] | undefined; readonly choices: readonly FeeChoiceLike[] } | undefined;
}

/**
 * A customer with at most this many items is searched by amount with a scan of its items, not
 * a hash look-up: its few dozen states sit together in memory, so the scan is as fast, and
 * 20,000 small maps cost more to build and to keep through garbage collection than they save.
 */
const AMOUNT_INDEX_FROM = 48;

const NONE: readonly ItemState[] = Object.freeze([]);

/** keyHash of an id that needs NFKC before it has a key (its key is built when it is looked for). */
const NOT_ASCII = -1;

export interface NameEntry {
  readonly customerId: string;
  readonly block: CustomerBlock;
  readonly via: 'name' | 'payer_names';
  readonly name: PayerName;
}

/**
 * Code-unit order: stable across locales and far cheaper than localeCompare on 400k rows.
 * @example compareText('2026-05-31', '2026-06-30') // -1
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Invoice ids compared without case, spaces or hyphens (EDI fields are 20 half-width chars).
 * @example invoiceKey('inv-2026 0001') // 'INV20260001'
 */
export function invoiceKey(id: string): string {
  if (/^[0-9A-Z]*$/.test(id)) return id;
  // EDI fields are often half-width kana (ｼﾊﾗｲ…): NFKC by table when it can.
  const text = /^[ -~]*$/.test(id) ? id : (kanaNfkc(id, false) ?? id.normalize('NFKC'));
  return text.toUpperCase().replace(/[\s\-_/]/g, '');
}

/**
 * FNV-1a hash of invoiceKey(id) for a printable-ASCII id, without building the key (upper
 * case, no space, '-', '_' or '/'); undefined when the id needs NFKC first. An ASCII key
 * hashes to itself, so keys and ids compare by this number.
 * @example asciiInvoiceKeyHash('inv-001') === asciiInvoiceKeyHash('INV001') // true
 */
function asciiInvoiceKeyHash(id: string): number | undefined {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    let c = id.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return undefined;
    if (c === 0x20 || c === 0x2d || c === 0x5f || c === 0x2f) continue;
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

function addOne<K, V extends object>(map: Map<K, V | V[]>, key: K, value: V): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, value);
  else if (Array.isArray(entry)) entry.push(value);
  else map.set(key, [entry, value]);
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

/** Oldest first: due date, issue date, invoice id, as numbers where the dates allow. */
const oldestFirst = (a: ItemState, b: ItemState) => a.dueKey - b.dueKey || a.issueKey - b.issueKey || compareText(a.invoiceId, b.invoiceId);

/** The same order read from the texts, for a customer with a date that is not `YYYY-MM-DD`. */
const oldestFirstAsText = (a: ItemState, b: ItemState) =>
  compareText(a.item.dueDate, b.item.dueDate) || compareText(a.item.issueDate, b.item.issueDate) || compareText(a.invoiceId, b.invoiceId);

/**
 * A customer's states oldest first. A customer has a few dozen items: an insertion sort with
 * the comparison inlined beats Array.prototype.sort, which calls its comparator for each of
 * the ~4 n log n comparisons, 20,000 times a run. Larger customers and text dates take the
 * library sort (both stable, so ties keep the rows' order).
 */
function sortOldestFirst(group: Group): ItemState[] {
  const a = group.states;
  if (group.textDates) return a.sort(oldestFirstAsText);
  if (a.length > INSERTION_SORT_UP_TO) return a.sort(oldestFirst);
  for (let i = 1; i < a.length; i++) {
    const s = a[i] as ItemState;
    let k = i;
    while (k > 0 && oldestFirst(a[k - 1] as ItemState, s) > 0) {
      a[k] = a[k - 1] as ItemState;
      k--;
    }
    a[k] = s;
  }
  return a;
}

const INSERTION_SORT_UP_TO = 48;

/** One customer's rows while the index is built. */
interface Group {
  readonly states: ItemState[];
  /** Some date is not `YYYY-MM-DD`: sort as text. */
  textDates: boolean;
  /** Those of its rows that name 振込名義 (most name none). */
  named: ItemState[] | undefined;
}

/**
 * Each item's state, grouped by customer in first-seen order, from one walk over the items in
 * the order they were read. Parsed rows lie in memory in that order, so one sequential read
 * takes every field the index needs; a walk per field (group, then sort, then index) read the
 * 400,000 rows from memory again each time. Receivable lists usually come sorted by customer:
 * a row of the same customer as the row before joins its group without a look-up.
 */
function statesByCustomer(items: readonly OpenItem[]): { groups: Map<string, Group>; withAccount: ItemState[] } {
  const groups = new Map<string, Group>();
  const withAccount: ItemState[] = [];
  let lastId: string | undefined;
  let last: Group | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as OpenItem;
    if (item.customerId !== lastId || !last) {
      lastId = item.customerId;
      last = groups.get(lastId);
      if (!last) {
        last = { states: [], textDates: false, named: undefined };
        groups.set(lastId, last);
      }
    }
    const issueKey = dateOrderKey(item.issueDate);
    const dueKey = dateOrderKey(item.dueDate);
    const state: ItemState = {
      item,
      invoiceId: item.invoiceId,
      issueKey,
      dueKey,
      residual: item.amount,
      keyHash: asciiInvoiceKeyHash(item.invoiceId) ?? NOT_ASCII,
      seq: -1,
    };
    if (item.virtualAccount !== '') withAccount.push(state);
    last.states.push(state);
    if (issueKey < 0 || dueKey < 0) last.textDates = true;
    if (item.payerNames.length > 0) {
      last.named ??= [];
      last.named.push(state);
    }
  }
  return { groups, withAccount };
}

export class OpenItemIndex {
  readonly customers = new Map<string, CustomerBlock>();
  readonly byNameKey = new Map<string, NameEntry[]>();
  private readonly sortedKeys: string[];
  /** Items so far (the next item's seq). */
  private count = 0;
  /** The items that name a 専用口座, in the order read. */
  private readonly withAccount: ItemState[];
  // Built on first use: most statements carry no virtual account.
  private vaIndex: Map<string, ItemState[]> | undefined;

  /**
   * Items whose invoice key is one of `keys`; when two share a key, the later one (in due-date
   * order) answers. A statement's EDI fields name a few thousand invoices: indexing every id
   * would keep hundreds of thousands of key strings alive for a handful of look-ups.
   */
  invoicesWithKeys(keys: ReadonlySet<string>): Map<string, ItemState> {
    const found = new Map<string, ItemState>();
    if (keys.size === 0) return found;
    // Building the key string of every id only to drop it again is most of the cost: an ASCII
    // id is first compared by a hash of its key computed in place, and keyed only on a hit.
    const hashes = new Set<number>();
    for (const key of keys) {
      const h = asciiInvoiceKeyHash(key);
      if (h !== undefined) hashes.add(h);
    }
    // Customers in the order they were added, each oldest first: every item in seq order.
    for (const block of this.customers.values()) {
      const states = block.items;
      for (let i = 0; i < states.length; i++) {
        const s = states[i] as ItemState;
        // An ASCII id whose hash happens to be NOT_ASCII is only checked in full.
        if (s.keyHash !== NOT_ASCII && !hashes.has(s.keyHash)) continue;
        const key = invoiceKey(s.invoiceId);
        if (keys.has(key)) found.set(key, s);
      }
    }
    return found;
  }

  get byVirtualAccount(): Map<string, ItemState[]> {
    if (!this.vaIndex) {
      this.vaIndex = new Map();
      for (const s of [...this.withAccount].sort((a, b) => a.seq - b.seq))
        pushTo(this.vaIndex, s.item.virtualAccount.replace(/\D/g, ''), s);
    }
    return this.vaIndex;
  }

  constructor(items: readonly OpenItem[]) {
    // A customer's invoices repeat its 振込名義: each distinct one is parsed once.
    const aliases = new Map<string, PayerName>();
    const { groups, withAccount } = statesByCustomer(items);
    this.withAccount = withAccount;
    for (const group of groups.values()) this.addCustomer(group, aliases);
    this.sortedKeys = [...this.byNameKey.keys()].sort();
  }

  /** One customer's items, oldest first (due date, issue date, invoice id), and its names. */
  private addCustomer(group: Group, aliases: Map<string, PayerName>): void {
    const states = sortOldestFirst(group);
    const first = (states[0] as ItemState).item;
    const name = parseCustomerName(first.customerKana, first.customerName);
    const byAmount = states.length > AMOUNT_INDEX_FROM ? new Map<number, ItemState | ItemState[]>() : undefined;
    const block: CustomerBlock = {
      id: first.customerId,
      ordinal: this.customers.size,
      name,
      feeBurden: first.feeBurden,
      items: states,
      byAmount,
      fees: undefined,
    };
    this.customers.set(first.customerId, block);
    if (name.key !== '') this.addName(name.key, { customerId: first.customerId, block, via: 'name', name });
    for (let i = 0; i < states.length; i++) {
      const state = states[i] as ItemState;
      state.seq = this.count++;
      if (byAmount) addOne(byAmount, state.residual, state);
    }
    // In the customer's order, as before: the first spelling of a key is the one kept.
    for (const state of group.named?.sort((a, b) => a.seq - b.seq) ?? []) {
      const names = state.item.payerNames;
      for (let k = 0; k < names.length; k++) {
        const alias = names[k] as string;
        let name = aliases.get(alias);
        if (!name) {
          name = parsePayerName(alias);
          aliases.set(alias, name);
        }
        const list = this.byNameKey.get(name.key);
        if (name.key !== '' && !list?.some((e) => e.customerId === first.customerId)) {
          this.addName(name.key, { customerId: first.customerId, block, via: 'payer_names', name });
        }
      }
    }
  }

  private addName(key: string, entry: NameEntry): void {
    const list = this.byNameKey.get(key);
    if (!list) this.byNameKey.set(key, [entry]);
    else if (!list.some((e) => e.customerId === entry.customerId && e.via === entry.via)) list.push(entry);
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

  /** Open items of a customer with exactly this open amount, oldest first. */
  openWithAmount(block: CustomerBlock, amount: number): ItemState[] {
    if (amount <= 0) return [];
    if (!block.byAmount) {
      const found: ItemState[] = [];
      for (const s of block.items) if (s.residual === amount) found.push(s);
      return found;
    }
    const entry = block.byAmount.get(amount);
    if (!entry) return [];
    if (!Array.isArray(entry)) return entry.residual === amount ? [entry] : [];
    return entry.filter((s) => s.residual === amount).sort((a, b) => a.seq - b.seq);
  }

  /** Open items of a customer with this open amount other than `first`, oldest first; no allocation when there are none. */
  othersWithAmount(block: CustomerBlock, amount: number, first: ItemState): readonly ItemState[] {
    if (block.byAmount) return this.openWithAmount(block, amount).filter((s) => s !== first);
    let others: ItemState[] | undefined;
    for (const s of block.items) {
      if (s.residual !== amount || s === first) continue;
      others ??= [];
      others.push(s);
    }
    return others ?? NONE;
  }

  /** The oldest open item of a customer with exactly this open amount (no allocation: probed per fee). */
  oldestWithAmount(block: CustomerBlock, amount: number): ItemState | undefined {
    if (amount <= 0) return undefined;
    if (!block.byAmount) {
      const items = block.items;
      for (let i = 0; i < items.length; i++) if ((items[i] as ItemState).residual === amount) return items[i];
      return undefined;
    }
    const entry = block.byAmount.get(amount);
    if (!entry) return undefined;
    if (!Array.isArray(entry)) return entry.residual === amount ? entry : undefined;
    let best: ItemState | undefined;
    for (const s of entry) if (s.residual === amount && (!best || s.seq < best.seq)) best = s;
    return best;
  }

  /**
   * Open items of any customer whose open amount is one of `amounts`, oldest first (by seq).
   * Asked once, after the passes, for the amounts of deposits no customer claims: one walk
   * over the items instead of an amount index of every item.
   */
  openWithAmounts(amounts: ReadonlySet<number>): Map<number, ItemState[]> {
    const found = new Map<number, ItemState[]>();
    if (amounts.size === 0) return found;
    for (const block of this.customers.values()) {
      const states = block.items;
      for (let i = 0; i < states.length; i++) {
        const s = states[i] as ItemState;
        if (s.residual > 0 && amounts.has(s.residual)) pushTo(found, s.residual, s);
      }
    }
    return found;
  }

  /** Clears `amount` from an item, keeping the amount indexes right for what stays open. */
  apply(state: ItemState, amount: number): void {
    if (amount <= 0 || amount > state.residual)
      throw new RangeError(`cannot apply ${amount} to ${state.item.invoiceId} (open ${state.residual})`);
    state.residual -= amount;
    if (state.residual > 0) {
      const block = this.customers.get(state.item.customerId);
      if (block?.byAmount) addOne(block.byAmount, state.residual, state);
    }
  }
}
