/**
 * Open items by row, as the matcher's index reads them: from the OpenItem objects a host made,
 * or from columns filled while a file is read (readOpenItemRows), with no object per item.
 *
 * Why columns: 400,000 items kept as objects — each with its invoice id as a string of its own —
 * cost more to keep than to read. On the benchmark file, reading the open items took 1.8 s as
 * objects and 1.5 s into columns (1.2 s once files were also read in pieces), of which about
 * 1.0 s is reading the cells at all: what an object costs is not making it but carrying it
 * through every garbage collection of the young generation until it is old. The columns hold
 * numbers in typed arrays, the invoice ids as the bytes of one buffer, and one record per run of
 * rows of the same customer; an item's object or id string is made when something asks for it (a
 * decision names the invoice), and many never are.
 */
import { dateOrderKey, type IsoDate } from '../dates/calendar.js';
import { asciiInvoiceKeyHash, compareText, NOT_ASCII } from './invoice-key.js';
import type { FeeBurden, OpenItem } from './types.js';

/** Open items by row (0 … length − 1, in the order read). */
export interface OpenItemRows {
  readonly length: number;
  /** Row i's item, as an object (made when asked for, by columns). */
  item(i: number): OpenItem;
  /** Every item, in the order read. */
  items(): OpenItem[];
  invoiceId(i: number): string;
  /** Invoice ids compared in code-unit order (compareText's), without making their strings where it can. */
  compareInvoiceIds(a: number, b: number): number;
  /** asciiInvoiceKeyHash of the invoice id, or NOT_ASCII. */
  keyHash(i: number): number;
  customerId(i: number): string;
  customerName(i: number): string;
  customerKana(i: number): string;
  feeBurden(i: number): FeeBurden | undefined;
  tolerance(i: number): number | undefined;
  payerNames(i: number): readonly string[];
  virtualAccount(i: number): string;
  amount(i: number): number;
  issueDate(i: number): IsoDate;
  dueDate(i: number): IsoDate;
  /** dateOrderKey of the dates (-1 when a date is not `YYYY-MM-DD`). */
  issueKey(i: number): number;
  dueKey(i: number): number;
  /** Where the row was in its file (header = 1). */
  row(i: number): number;
}

/**
 * OpenItemRows over items a host made.
 * @example openItemRows(items).invoiceId(0) === items[0].invoiceId // true
 */
export function openItemRows(items: readonly OpenItem[]): OpenItemRows {
  const at = (i: number) => items[i] as OpenItem;
  return {
    length: items.length,
    item: at,
    items: () => items.slice(),
    invoiceId: (i) => at(i).invoiceId,
    compareInvoiceIds: (a, b) => compareText(at(a).invoiceId, at(b).invoiceId),
    keyHash: (i) => asciiInvoiceKeyHash(at(i).invoiceId) ?? NOT_ASCII,
    customerId: (i) => at(i).customerId,
    customerName: (i) => at(i).customerName,
    customerKana: (i) => at(i).customerKana,
    feeBurden: (i) => at(i).feeBurden,
    tolerance: (i) => at(i).tolerance,
    payerNames: (i) => at(i).payerNames,
    virtualAccount: (i) => at(i).virtualAccount,
    amount: (i) => at(i).amount,
    issueDate: (i) => at(i).issueDate,
    dueDate: (i) => at(i).dueDate,
    issueKey: (i) => dateOrderKey(at(i).issueDate),
    dueKey: (i) => dateOrderKey(at(i).dueDate),
    row: (i) => at(i).row,
  };
}

/** What rows of one customer written alike share (the columns keep one per run of such rows): everything of an item but its invoice, dates, amount and row. */
export interface Profile {
  readonly customerId: string;
  readonly customerName: string;
  readonly customerKana: string;
  readonly payerNames: readonly string[];
  readonly feeBurden: FeeBurden | undefined;
  readonly tolerance: number | undefined;
  readonly virtualAccount: string;
}

/**
 * OpenItemColumns as plain data (typed arrays, strings, plain objects), as a host hands them from
 * the thread that read the file to the one that matches: a structured clone copies it, or moves the
 * arrays (`transferables()`) without copying. Rebuilt by OpenItemColumns.fromData.
 */
export interface OpenItemColumnsData {
  readonly length: number;
  readonly amounts: Float64Array;
  readonly issue: Int32Array;
  readonly due: Int32Array;
  readonly profileOf: Int32Array;
  readonly rows: Int32Array;
  readonly hashes: Int32Array;
  readonly idEnd: Int32Array;
  readonly idBytes: Uint8Array<ArrayBuffer>;
  readonly wideIds: readonly (readonly [number, string])[];
  readonly profiles: readonly Profile[];
  readonly dates: readonly IsoDate[];
}

/**
 * Open items as columns, filled row by row while a file is read (see the module's note).
 * @example const c = new OpenItemColumns(); c.add(item); c.item(0).invoiceId === item.invoiceId // true
 */
export class OpenItemColumns implements OpenItemRows {
  length = 0;
  private capacity: number;
  private amounts: Float64Array;
  private issue: Int32Array;
  private due: Int32Array;
  private profileOf: Int32Array;
  private rows: Int32Array;
  private hashes: Int32Array;
  /** Row i's invoice id is idBytes[idEnd[i − 1] … idEnd[i]) (printable ASCII), or in `wideIds`. */
  private idEnd: Int32Array;
  private idBytes: Uint8Array<ArrayBuffer>;
  /** idBytes as text (printable ASCII reads the same in windows-1252, the WHATWG `latin1`), made when first needed. */
  private idText: string | undefined;
  /** Ids with a character beyond printable ASCII, kept as strings (an export's ids rarely have one). */
  private readonly wideIds = new Map<number, string>();
  private readonly profiles: Profile[] = [];
  /** The distinct dates, each once: a row keeps its dates' positions here. */
  private readonly dates: IsoDate[] = [];
  private readonly dateKeys: number[] = [];
  private readonly datePosition = new Map<string, number>();

  /**
   * Room for `expected` rows to start with (a reader guesses from the file's size): the columns
   * grow by doubling, and each doubling copies them. Room never written costs no memory.
   */
  constructor(expected = 1024) {
    this.capacity = Math.max(16, Math.ceil(expected));
    this.amounts = new Float64Array(this.capacity);
    this.issue = new Int32Array(this.capacity);
    this.due = new Int32Array(this.capacity);
    this.profileOf = new Int32Array(this.capacity);
    this.rows = new Int32Array(this.capacity);
    this.hashes = new Int32Array(this.capacity);
    this.idEnd = new Int32Array(this.capacity);
    this.idBytes = new Uint8Array(this.capacity * 16);
  }

  /** Adds an item as the next row. */
  add(item: OpenItem): void {
    const i = this.length;
    this.idText = undefined;
    if (i === this.capacity) this.grow();
    const id = item.invoiceId;
    const start = i === 0 ? 0 : (this.idEnd[i - 1] as number);
    let end = start;
    if (isPrintableAscii(id)) {
      if (start + id.length > this.idBytes.length) this.idBytes = grownBytes(this.idBytes, start, start + id.length);
      for (let k = 0; k < id.length; k++) this.idBytes[end++] = id.charCodeAt(k);
    } else this.wideIds.set(i, id);
    this.idEnd[i] = end;
    this.hashes[i] = asciiInvoiceKeyHash(id) ?? NOT_ASCII;
    this.amounts[i] = item.amount;
    this.issue[i] = this.dateAt(item.issueDate);
    this.due[i] = this.dateAt(item.dueDate);
    this.rows[i] = item.row;
    const last = this.profiles[this.profiles.length - 1];
    if (
      last === undefined ||
      last.customerId !== item.customerId ||
      last.customerName !== item.customerName ||
      last.customerKana !== item.customerKana ||
      !sameNames(last.payerNames, item.payerNames) ||
      last.feeBurden !== item.feeBurden ||
      last.tolerance !== item.tolerance ||
      last.virtualAccount !== item.virtualAccount
    ) {
      this.profiles.push({
        customerId: item.customerId,
        customerName: item.customerName,
        customerKana: item.customerKana,
        payerNames: item.payerNames,
        feeBurden: item.feeBurden,
        tolerance: item.tolerance,
        virtualAccount: item.virtualAccount,
      });
    }
    this.profileOf[i] = this.profiles.length - 1;
    this.length = i + 1;
  }

  /** The columns as plain data (see OpenItemColumnsData); `transferables()` lists its arrays. */
  toData(): OpenItemColumnsData {
    return {
      length: this.length,
      amounts: this.amounts,
      issue: this.issue,
      due: this.due,
      profileOf: this.profileOf,
      rows: this.rows,
      hashes: this.hashes,
      idEnd: this.idEnd,
      idBytes: this.idBytes,
      wideIds: [...this.wideIds],
      profiles: this.profiles,
      dates: this.dates,
    };
  }

  /** The buffers of toData()'s arrays, which a hand-over may move instead of copying (this object is then unusable). */
  transferables(): ArrayBuffer[] {
    const arrays = [this.amounts, this.issue, this.due, this.profileOf, this.rows, this.hashes, this.idEnd, this.idBytes];
    return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
  }

  /**
   * The columns again from toData()'s data. Data that does not hold together (a row past an
   * array's end, a profile, date or id end out of range) is refused, not read past its columns.
   */
  static fromData(data: OpenItemColumnsData): OpenItemColumns {
    const n = data.length;
    const arrays = [data.amounts, data.issue, data.due, data.profileOf, data.rows, data.hashes, data.idEnd];
    const bad = (what: string) => new Error(`open items data does not hold together: ${what}`);
    const capacity = data.amounts.length;
    if (!Number.isSafeInteger(n) || n < 0 || n > capacity || arrays.some((a) => a.length !== capacity)) throw bad('length');
    let end = 0;
    for (let i = 0; i < n; i++) {
      const e = data.idEnd[i] as number;
      if (e < end || e > data.idBytes.length) throw bad(`id end of row ${i}`);
      end = e;
      const p = data.profileOf[i] as number;
      if (p < 0 || p >= data.profiles.length) throw bad(`profile of row ${i}`);
      const a = data.issue[i] as number;
      const b = data.due[i] as number;
      if (a < 0 || a >= data.dates.length || b < 0 || b >= data.dates.length) throw bad(`dates of row ${i}`);
    }
    const c = new OpenItemColumns(16);
    c.length = n;
    c.capacity = capacity;
    c.amounts = data.amounts;
    c.issue = data.issue;
    c.due = data.due;
    c.profileOf = data.profileOf;
    c.rows = data.rows;
    c.hashes = data.hashes;
    c.idEnd = data.idEnd;
    c.idBytes = data.idBytes;
    for (const [i, id] of data.wideIds) c.wideIds.set(i, id);
    for (const p of data.profiles) c.profiles.push(p);
    for (const d of data.dates) {
      c.datePosition.set(d, c.dates.length);
      c.dates.push(d);
      c.dateKeys.push(dateOrderKey(d));
    }
    return c;
  }

  item(i: number): OpenItem {
    const p = this.profile(i);
    // The fields in readOpenItems' order, so every item has one hidden class.
    return {
      invoiceId: this.invoiceId(i),
      customerId: p.customerId,
      customerName: p.customerName,
      customerKana: p.customerKana,
      issueDate: this.issueDate(i),
      dueDate: this.dueDate(i),
      amount: this.amount(i),
      payerNames: p.payerNames,
      feeBurden: p.feeBurden,
      virtualAccount: p.virtualAccount,
      tolerance: p.tolerance,
      row: this.row(i),
    };
  }

  items(): OpenItem[] {
    const out: OpenItem[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.item(i));
    return out;
  }

  invoiceId(i: number): string {
    const wide = this.wideIds.get(i);
    if (wide !== undefined) return wide;
    const start = i === 0 ? 0 : (this.idEnd[i - 1] as number);
    const end = this.idEnd[i] as number;
    // All the ids as one text, decoded once when an id is first asked for; each id is then a
    // slice of it (a call into the decoder for each cost 0.3 µs, 60 ms a run).
    ascii ??= new TextDecoder('latin1');
    this.idText ??= ascii.decode(this.idBytes.subarray(0, this.length === 0 ? 0 : (this.idEnd[this.length - 1] as number)));
    return this.idText.slice(start, end);
  }

  compareInvoiceIds(a: number, b: number): number {
    if (this.wideIds.size > 0 && (this.wideIds.has(a) || this.wideIds.has(b))) return compareText(this.invoiceId(a), this.invoiceId(b));
    // ASCII: byte order is code-unit order.
    const bytes = this.idBytes;
    let x = a === 0 ? 0 : (this.idEnd[a - 1] as number);
    let y = b === 0 ? 0 : (this.idEnd[b - 1] as number);
    const xEnd = this.idEnd[a] as number;
    const yEnd = this.idEnd[b] as number;
    for (; x < xEnd && y < yEnd; x++, y++) {
      const d = (bytes[x] as number) - (bytes[y] as number);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    const left = xEnd - x - (yEnd - y);
    return left < 0 ? -1 : left > 0 ? 1 : 0;
  }

  keyHash(i: number): number {
    return this.hashes[i] as number;
  }
  customerId(i: number): string {
    return this.profile(i).customerId;
  }
  customerName(i: number): string {
    return this.profile(i).customerName;
  }
  customerKana(i: number): string {
    return this.profile(i).customerKana;
  }
  feeBurden(i: number): FeeBurden | undefined {
    return this.profile(i).feeBurden;
  }
  tolerance(i: number): number | undefined {
    return this.profile(i).tolerance;
  }
  payerNames(i: number): readonly string[] {
    return this.profile(i).payerNames;
  }
  virtualAccount(i: number): string {
    return this.profile(i).virtualAccount;
  }
  amount(i: number): number {
    return this.amounts[i] as number;
  }
  issueDate(i: number): IsoDate {
    return this.dates[this.issue[i] as number] as IsoDate;
  }
  dueDate(i: number): IsoDate {
    return this.dates[this.due[i] as number] as IsoDate;
  }
  issueKey(i: number): number {
    return this.dateKeys[this.issue[i] as number] as number;
  }
  dueKey(i: number): number {
    return this.dateKeys[this.due[i] as number] as number;
  }
  row(i: number): number {
    return this.rows[i] as number;
  }

  private profile(i: number): Profile {
    return this.profiles[this.profileOf[i] as number] as Profile;
  }

  private dateAt(d: IsoDate): number {
    let at = this.datePosition.get(d);
    if (at === undefined) {
      at = this.dates.length;
      this.dates.push(d);
      this.dateKeys.push(dateOrderKey(d));
      this.datePosition.set(d, at);
    }
    return at;
  }

  private grow(): void {
    const size = Math.max(16, this.capacity * 2);
    this.amounts = grownTo(this.amounts, new Float64Array(size));
    this.issue = grownTo(this.issue, new Int32Array(size));
    this.due = grownTo(this.due, new Int32Array(size));
    this.profileOf = grownTo(this.profileOf, new Int32Array(size));
    this.rows = grownTo(this.rows, new Int32Array(size));
    this.hashes = grownTo(this.hashes, new Int32Array(size));
    this.idEnd = grownTo(this.idEnd, new Int32Array(size));
    this.capacity = size;
  }
}

/** Decodes the id bytes (printable ASCII only); made on first use, not when the module loads. */
let ascii: TextDecoder | undefined;

function grownTo<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function grownBytes(from: Uint8Array<ArrayBuffer>, used: number, need: number): Uint8Array<ArrayBuffer> {
  const to = new Uint8Array(Math.max(need, from.length * 2));
  to.set(from.subarray(0, used));
  return to;
}

/** Printable ASCII only (what idBytes holds). An empty id is too. */
function isPrintableAscii(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
