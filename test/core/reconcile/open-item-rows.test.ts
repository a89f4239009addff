/**
 * Open items as columns (OpenItemColumns, readOpenItemRows) against the same items as objects:
 * every field of every row, the index built from each, the problems of a file, and every
 * decision of a run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankCsv, generateDataset, openItemsCsv } from '../../../bench/reconcile-data.js';
import { encodeCp932 } from '../../../core/csv/encoding.js';
import { readBankStatement } from '../../../core/reconcile/bank-statement.js';
import { asciiInvoiceKeyHash, compareText } from '../../../core/reconcile/invoice-key.js';
import { matchDeposits } from '../../../core/reconcile/match.js';
import { OpenItemIndex } from '../../../core/reconcile/open-item-index.js';
import { OpenItemColumns, openItemRows } from '../../../core/reconcile/open-item-rows.js';
import { readOpenItemRows, readOpenItems } from '../../../core/reconcile/open-items.js';
import type { OpenItem } from '../../../core/reconcile/types.js';

const sign = (n: number) => Math.sign(n);

/** Items as a file may hold them: runs of a customer's rows, customers coming back, ids ASCII or not, odd dates. */
const itemsArb = fc
  .array(
    fc.record({
      id: fc.oneof(
        fc.stringMatching(/^[A-Za-z0-9 _/-]{0,12}$/),
        fc.constantFrom('請求-1', 'ｾｲｷｭｳ1', 'INV-😀', 'inv\u00e9', 'A-1', 'A-10', 'a-1', ''),
      ),
      customer: fc.constantFrom('C1', 'C2', 'C3'),
      name: fc.constantFrom('株式会社山田商事', '山田商事'),
      kana: fc.constantFrom('ヤマダショウジ', 'カ)ヤマダ'),
      issue: fc.constantFrom('2026-04-30', '2026-05-01', '2026/5/1'),
      due: fc.constantFrom('2026-05-31', '2026-06-30', '9999-12-31'),
      amount: fc.integer({ min: 1, max: 9_999_999_999 }),
      names: fc.constantFrom<readonly string[]>([], ['ﾔﾏﾀﾞ'], ['ﾔﾏﾀﾞ', 'ｵﾔｶﾞｲｼﾔ']),
      fee: fc.constantFrom(undefined, 'ours' as const, 'theirs' as const),
      tolerance: fc.constantFrom(undefined, 0, 500),
      va: fc.constantFrom('', '1234567'),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map(
      (r, i): OpenItem => ({
        invoiceId: `${r.id}`,
        customerId: r.customer,
        customerName: r.name,
        customerKana: r.kana,
        issueDate: r.issue,
        dueDate: r.due,
        amount: r.amount,
        payerNames: r.names,
        feeBurden: r.fee,
        virtualAccount: r.va,
        tolerance: r.tolerance,
        row: i + 2,
      }),
    ),
  );

function columnsOf(items: readonly OpenItem[]): OpenItemColumns {
  const c = new OpenItemColumns();
  for (const item of items) c.add(item);
  return c;
}

describe('OpenItemColumns', () => {
  it('gives back every field of every row, and compares and hashes ids as the items do (property)', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const c = columnsOf(items);
        const o = openItemRows(items);
        expect(c.length).toBe(items.length);
        expect(c.items()).toEqual(items);
        for (let i = 0; i < items.length; i++) {
          expect(c.invoiceId(i)).toBe(items[i]?.invoiceId);
          expect([c.keyHash(i), c.issueKey(i), c.dueKey(i)]).toEqual([o.keyHash(i), o.issueKey(i), o.dueKey(i)]);
          for (let j = 0; j < items.length; j++) expect(sign(c.compareInvoiceIds(i, j))).toBe(sign(o.compareInvoiceIds(i, j)));
        }
      }),
    );
  });

  it('builds the same index as the items do: customers, their items oldest first, names (property)', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const a = new OpenItemIndex(items);
        const b = new OpenItemIndex(columnsOf(items));
        const blocks = (x: OpenItemIndex) =>
          [...x.customers.values()].map((k) => {
            const seqs = Array.from({ length: k.end - k.start }, (_, i) => k.start + i);
            return { ...k, byAmount: undefined, ids: seqs.map((s) => x.invoiceId(s)), items: seqs.map((s) => x.item(s)) };
          });
        expect(blocks(b)).toEqual(blocks(a));
        expect([...b.byNameKey.keys()]).toEqual([...a.byNameKey.keys()]);
        expect(b.remaining()).toEqual(a.remaining());
      }),
    );
  });

  it('comes back whole from its plain data through a structured clone, as a thread hands it on (property)', () => {
    fc.assert(
      fc.property(itemsArb, fc.boolean(), (items, askFirst) => {
        const c = columnsOf(items);
        // An id asked for before the hand-over decodes the id text: the copy must not depend on it.
        if (askFirst && items.length > 0) c.invoiceId(0);
        const data = structuredClone(c.toData(), { transfer: c.transferables() });
        const back = OpenItemColumns.fromData(data);
        expect(back.length).toBe(items.length);
        expect(back.items()).toEqual(items);
        for (let i = 0; i < items.length; i++) {
          expect([back.keyHash(i), back.issueKey(i), back.dueKey(i), back.row(i)]).toEqual([
            openItemRows(items).keyHash(i),
            openItemRows(items).issueKey(i),
            openItemRows(items).dueKey(i),
            items[i]?.row,
          ]);
        }
        // Rows added after the hand-over land after the rows handed on, past the arrays' room too.
        const more = Array.from({ length: 40 }, (_, k) => ({ ...openItem(), invoiceId: `INV-NEXT-${k}`, amount: k + 1, row: 1000 + k }));
        for (const m of more) back.add(m);
        expect(back.items()).toEqual([...items, ...more]);
      }),
    );
  });

  it('refuses plain data that does not hold together, rather than reading past its columns', () => {
    const c = columnsOf([openItem(), { ...openItem(), invoiceId: 'INV-2', row: 3 }]);
    const data = c.toData();
    const changed = (a: Int32Array, at: number, value: number) => {
      const b = a.slice();
      b[at] = value;
      return b;
    };
    expect(OpenItemColumns.fromData(data).items()).toEqual(c.items());
    expect(() => OpenItemColumns.fromData({ ...data, length: data.amounts.length + 1 })).toThrow(/data does not hold together: length/);
    expect(() => OpenItemColumns.fromData({ ...data, rows: data.rows.subarray(0, 1) })).toThrow(/: length/);
    expect(() => OpenItemColumns.fromData({ ...data, profileOf: changed(data.profileOf, 1, 5) })).toThrow(/profile of row 1/);
    expect(() => OpenItemColumns.fromData({ ...data, issue: changed(data.issue, 0, 9) })).toThrow(/dates of row 0/);
    expect(() => OpenItemColumns.fromData({ ...data, idEnd: changed(data.idEnd, 1, 2) })).toThrow(/id end of row 1/);
    expect(() => OpenItemColumns.fromData({ ...data, idEnd: changed(data.idEnd, 1, data.idBytes.length + 1) })).toThrow(/id end of row 1/);
  });

  it('gives the right ids when rows are added after an id was asked for', () => {
    const c = new OpenItemColumns();
    c.add({ ...openItem(), invoiceId: 'INV-1' });
    expect(c.invoiceId(0)).toBe('INV-1');
    c.add({ ...openItem(), invoiceId: 'INV-0000000000000002', row: 3 });
    c.add({ ...openItem(), invoiceId: '請求3', row: 4 });
    c.add({ ...openItem(), invoiceId: '', row: 5 });
    expect([0, 1, 2, 3].map((i) => c.invoiceId(i))).toEqual(['INV-1', 'INV-0000000000000002', '請求3', '']);
  });

  it('orders ids by code unit, ASCII or not: A-1 < A-10 < a-1 < 請求-1', () => {
    const c = columnsOf(['a-1', 'A-10', '請求-1', 'A-1'].map((id, i) => ({ ...openItem(), invoiceId: id, row: i + 2 })));
    const order = [0, 1, 2, 3].sort((x, y) => c.compareInvoiceIds(x, y)).map((i) => c.invoiceId(i));
    expect(order).toEqual(['A-1', 'A-10', 'a-1', '請求-1']);
    expect(order).toEqual([...order].sort(compareText));
  });
});

function openItem(): OpenItem {
  return {
    invoiceId: 'INV-1',
    customerId: 'C1',
    customerName: '株式会社山田商事',
    customerKana: 'ヤマダショウジ',
    issueDate: '2026-04-30',
    dueDate: '2026-05-31',
    amount: 1_000,
    payerNames: [],
    feeBurden: undefined,
    virtualAccount: '',
    tolerance: undefined,
    row: 2,
  };
}

describe('readOpenItemRows', () => {
  it('reads what readOpenItems reads, with the same problems: bad cells, a duplicate id, a cleared row', () => {
    const csv = [
      'invoice_id,customer_id,customer_name,customer_kana,issue_date,due_date,amount,payer_names,fee_burden,status',
      'INV-2,C1,山田商事,ヤマダ,2026-05-01,2026-05-31,"12,000",ﾔﾏﾀﾞ|ｵﾔｶﾞｲｼﾔ,当方,',
      'INV-1,C1,山田商事,ヤマダ,2026/5/2,R8.6.30,5000,,,"一部入金（残2,000円）"',
      'INV-3,C2,川村,カワムラ,not a date,2026-05-31,100,,,',
      'INV-2,C2,川村,カワムラ,2026-05-01,2026-05-31,100,,,',
      'INV-4,C2,川村,カワムラ,2026-05-01,2026-05-31,100,,,消込済',
      'INV-5,C2,川村,カワムラ,2026-05-01,2026-05-31,-1,,nobody,',
    ].join('\r\n');
    const objects = readOpenItems(csv, 'open.csv');
    const columns = readOpenItemRows(csv, 'open.csv');
    expect(columns.problems).toEqual(objects.problems);
    expect(columns.problems.map((p) => [p.row, p.column])).toEqual([
      [4, 'issue_date'],
      [7, 'amount'],
      [7, 'fee_burden'],
      [5, 'invoice_id'],
    ]);
    expect(columns.rows.items()).toEqual(objects.items);
    expect(objects.items.map((i) => [i.invoiceId, i.amount, i.issueDate, i.dueDate, i.payerNames])).toEqual([
      ['INV-2', 12_000, '2026-05-01', '2026-05-31', ['ﾔﾏﾀﾞ', 'ｵﾔｶﾞｲｼﾔ']],
      ['INV-1', 2_000, '2026-05-02', '2026-06-30', []],
    ]);
  });

  it('matches every deposit as the items as objects do (Shift_JIS files of the generated data set)', () => {
    const ds = generateDataset({ seed: 5, customers: 300, itemsPerCustomer: 6, deposits: 900 });
    const bank = readBankStatement(encodeCp932(bankCsv(ds.lines)), 'bank.csv', { today: '2026-06-30' });
    const open = encodeCp932(openItemsCsv(ds.items));
    const a = matchDeposits(bank.lines, readOpenItems(open, 'open.csv').items, { tolerance: 1_000 });
    const b = matchDeposits(bank.lines, readOpenItemRows(open, 'open.csv').rows, { tolerance: 1_000 });
    expect(b.decisions).toEqual(a.decisions);
    expect(b.remaining).toEqual(a.remaining);
    expect(a.decisions.filter((d) => d.status === 'auto').length).toBeGreaterThan(700);
  });
});

describe('asciiInvoiceKeyHash', () => {
  it('is a 32-bit signed integer, as the index keeps it in an Int32Array, for any id, the empty key too (property)', () => {
    expect(asciiInvoiceKeyHash('')).toBe(asciiInvoiceKeyHash('- /_'));
    fc.assert(
      fc.property(fc.stringMatching(/^[ -~]{0,20}$/), (id) => {
        const h = asciiInvoiceKeyHash(id) as number;
        expect(h).toBe(h | 0);
        expect(new Int32Array([h])[0]).toBe(h);
      }),
    );
  });
});
