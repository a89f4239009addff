/**
 * Each import format column by column against a hand-built row: encoding, header or not, column
 * count, date format, 識別フラグ sequence and 税区分 names (sources in docs/journal.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCp932 } from '../../../core/csv/encoding.js';
import { parseCsv } from '../../../core/csv/parse.js';
import { type AccountKind, type AccountMap, DEFAULT_ACCOUNT_MAP, postingFor, readAccountMap } from '../../../core/journal/accounts.js';
import { EntryBuilder } from '../../../core/journal/entry.js';
import { MF_COLUMNS, NEUTRAL_COLUMNS, writeJournal } from '../../../core/journal/formats.js';
import { invoiceJournal } from '../../../core/journal/invoices.js';
import { PACKAGE_TAX_NAMES } from '../../../core/journal/tax-names.js';

const p = (k: Parameters<typeof postingFor>[1], sub?: string) => postingFor(DEFAULT_ACCOUNT_MAP, k, sub);

/** A one-line entry (one debit, one credit) and a compound one of three lines. */
const simple = new EntryBuilder('2026-05-29', '山田商店 支払').debit(p('payable', '山田商店'), 110_000).credit(p('bank'), 110_000).build();
const [sale] = invoiceJournal([
  {
    invoice_no: 'INV-1',
    issue_date: '2026-05-31',
    customer: { id: 'C001', name: '株式会社サンプル', honorific: '御中' },
    byRate: [
      { rate: '10', base: 40_900, tax: 4_090, gross: 44_990 },
      { rate: '8', base: 6_192, tax: 495, gross: 6_687 },
    ],
    withholding: 0,
    amount_due: 51_677,
  },
]);
if (!sale) throw new Error('no entry');

const EMPTY = (n: number): string[] => Array<string>(n).fill('');

function rowsOf(bytes: Uint8Array | undefined, shiftJis: boolean): (readonly string[])[] {
  if (!bytes) throw new Error('no file');
  const text = shiftJis ? decodeCp932(bytes) : new TextDecoder().decode(bytes);
  return parseCsv(text.replace(/^\uFEFF/, '')).records.map((r) => r.fields);
}

describe('弥生会計 インポート形式', () => {
  const out = writeJournal([simple, sale], 'yayoi', 'journal.csv');
  const rows = rowsOf(out.data, true);

  it('Shift_JIS, CRLF, no header, 25 columns a row', () => {
    expect(out.problems).toEqual([]);
    const bytes = out.data ?? new Uint8Array();
    expect([...bytes.slice(0, 4)]).toEqual([...new TextEncoder().encode('2000')]);
    expect(decodeCp932(bytes).endsWith('\r\n')).toBe(true);
    // 株 is 0x8A 0x94 in Shift_JIS.
    expect(Buffer.from(bytes).includes(Buffer.from([0x8a, 0x94]))).toBe(true);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toHaveLength(25);
  });

  it('a one-line entry is one row flagged 2000, every column in place', () => {
    // biome-ignore format: the 25 columns as the file has them: flag, 伝票No, 決算, date, debit ×6, credit ×6, 摘要, 8 empty
    expect(rows[0]).toEqual([
      '2000', '', '', '2026/05/29',
      '買掛金', '山田商店', '', '対象外', '110000', '',
      '普通預金', '', '', '対象外', '110000', '',
      '山田商店 支払', ...EMPTY(8),
    ]);
  });

  it('a compound entry is 2110, 2100 …, 2101, one line a row, the unused side empty with amount 0', () => {
    expect(rows.slice(1).map((r) => r[0])).toEqual(['2110', '2100', '2101']);
    expect(rows[1]?.slice(3, 17)).toEqual([
      '2026/05/31',
      '売掛金',
      '株式会社サンプル',
      '',
      '対象外',
      '51677',
      '',
      '',
      '',
      '',
      '',
      '0',
      '',
      '請求書 INV-1 株式会社サンプル',
    ]);
    expect(rows[2]?.slice(4, 16)).toEqual(['', '', '', '', '0', '', '売上高', '', '', '課税売上込10%', '44990', '4090']);
    expect(rows[3]?.slice(13, 16)).toEqual(['課税売上込軽減8%', '6687', '495']);
  });

  it('a name Shift_JIS cannot hold, or an amount past 9 digits, is refused naming the entry and column', () => {
    const emoji = new EntryBuilder('2026-05-29', 'x').debit(p('payable', '山田🍣'), 1).credit(p('bank'), 1).build();
    const big = new EntryBuilder('2026-05-29', 'y').debit(p('payable'), 1_000_000_000).credit(p('bank'), 1_000_000_000).build();
    const r = writeJournal([simple, emoji, big], 'yayoi', 'j.csv');
    expect(r.data).toBeUndefined();
    expect(r.problems.map((x) => [x.file, x.column, x.value, x.message_ja.slice(0, 4)])).toEqual([
      ['j.csv', '借方補助科目', '山田🍣', '仕訳2（'],
      ['j.csv', '借方金額', '1000000000', '仕訳3（'],
      ['j.csv', '貸方金額', '1000000000', '仕訳3（'],
    ]);
  });

  it('a text that starts like a formula is written as text', () => {
    const e = new EntryBuilder('2026-05-29', '=HYPERLINK("x")').debit(p('payable'), 1).credit(p('bank'), 1).build();
    expect(rowsOf(writeJournal([e], 'yayoi', 'j.csv').data, true)[0]?.[16]).toBe('\'=HYPERLINK("x")');
  });
});

describe('マネーフォワード クラウド会計 仕訳帳インポート', () => {
  const out = writeJournal([simple, sale], 'mf', 'mf.csv');
  const rows = rowsOf(out.data, true);

  it('Shift_JIS with a header of the 27 published columns', () => {
    expect(out.problems).toEqual([]);
    expect(rows[0]).toEqual([...MF_COLUMNS]);
    expect(MF_COLUMNS).toHaveLength(27);
    for (const r of rows) expect(r).toHaveLength(27);
  });

  it('取引No per entry, shared by the rows of a compound entry; 取引日 yyyy/mm/dd; インボイス and 取引先 empty', () => {
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1', '2', '2', '2']);
    // biome-ignore format: the 27 columns as the file has them: No, date, debit ×8, credit ×8, 摘要, 8 empty
    expect(rows[1]).toEqual([
      '1', '2026/05/29',
      '買掛金', '山田商店', '', '', '対象外', '', '110000', '',
      '普通預金', '', '', '', '対象外', '', '110000', '',
      '山田商店 支払', ...EMPTY(8),
    ]);
    expect(rows[3]?.slice(2, 18)).toEqual(['', '', '', '', '', '', '', '', '売上高', '', '', '', '課税売上 10%', '', '44990', '4090']);
    expect(rows[4]?.slice(10, 18)).toEqual(['売上高', '', '', '', '課税売上 (軽)8%', '', '6687', '495']);
  });
});

describe('税区分: each package’s names for the defaults, the user’s own as given', () => {
  /** One entry per kind: the kind's posting debited against 仮受金 (a name no default has). */
  const kindEntries = (map: AccountMap, kinds: readonly AccountKind[]) =>
    kinds.map((k) =>
      new EntryBuilder('2026-05-29', k)
        .debit(postingFor(map, k), 1_100)
        .credit({ account: '仮受金', subAccount: '', department: '', taxCategory: '' }, 1_100)
        .build(),
    );
  const TAXED: readonly AccountKind[] = ['commute', 'fee', 'sales_10', 'sales_8', 'sales_exempt', 'sales_outside', 'salary'];
  /** The debit 税区分 each format writes for the entries, one a row. */
  const written = (entries: ReturnType<typeof kindEntries>) => ({
    yayoi: rowsOf(writeJournal(entries, 'yayoi', 'j.csv').data, true).map((r) => r[7]),
    mf: rowsOf(writeJournal(entries, 'mf', 'j.csv').data, true)
      .slice(1)
      .map((r) => r[6]),
    csv: rowsOf(writeJournal(entries, 'csv', 'j.csv').data, false)
      .slice(1)
      .filter((r) => r[2] === 'debit')
      .map((r) => r[6]),
  });

  it('the defaults in 弥生 and マネーフォワード names; the neutral CSV keeps Urakata’s', () => {
    expect(written(kindEntries(DEFAULT_ACCOUNT_MAP, TAXED))).toEqual({
      yayoi: ['課対仕入込10%', '課対仕入込10%', '課税売上込10%', '課税売上込軽減8%', '非課売上', '対象外', '対象外'],
      mf: ['課税仕入 10%', '課税仕入 10%', '課税売上 10%', '課税売上 (軽)8%', '非課税売上', '対象外', '対象外'],
      csv: ['課税仕入10%', '課税仕入10%', '課税売上10%', '課税売上8%(軽)', '非課税売上', '不課税', '対象外'],
    });
  });

  it('every default 税区分 of the account map has a name in both tables, and only those', () => {
    const defaults = new Set(Object.values(DEFAULT_ACCOUNT_MAP.postings).map((p) => p.taxCategory));
    for (const table of Object.values(PACKAGE_TAX_NAMES)) expect(new Set(Object.keys(table))).toEqual(defaults);
  });

  it('a 税区分 set in the account map is written as given, even one spelt as a default; an empty one keeps the default', () => {
    const csv = [
      'kind,account,tax_category',
      'sales_10,売上高,課税売上10%', // Urakata's own spelling, but the user's choice
      'sales_8,売上高,課税売上内軽減8%',
      'fee,支払手数料,課対仕入込10%適格',
      'commute,旅費交通費,', // empty: the default, translated
    ].join('\n');
    const { map, problems } = readAccountMap(csv, 'accounts.csv');
    expect(problems).toEqual([]);
    expect(written(kindEntries(map, ['sales_10', 'sales_8', 'fee', 'commute']))).toEqual({
      yayoi: ['課税売上10%', '課税売上内軽減8%', '課対仕入込10%適格', '課対仕入込10%'],
      mf: ['課税売上10%', '課税売上内軽減8%', '課対仕入込10%適格', '課税仕入 10%'],
      csv: ['課税売上10%', '課税売上内軽減8%', '課対仕入込10%適格', '課税仕入10%'],
    });
  });

  it('税抜経理: the 仮受消費税 line carries its rate’s 税区分, translated or the user’s own', () => {
    const invoice = {
      invoice_no: 'INV-2',
      issue_date: '2026-05-31',
      customer: { id: 'C001', name: '株式会社サンプル', honorific: '御中' },
      byRate: [
        { rate: '10', base: 40_900, tax: 4_090, gross: 44_990 },
        { rate: '8', base: 6_192, tax: 495, gross: 6_687 },
      ],
      withholding: 0,
      amount_due: 51_677,
    } as const;
    const { map } = readAccountMap('kind,account,tax_category\ntax_method,税抜,\nsales_8,売上高,課税売上内軽減8%\n', 'a.csv');
    const rows = rowsOf(writeJournal(invoiceJournal([invoice], map), 'mf', 'j.csv').data, true).slice(1);
    expect(rows.map((r) => [r[10], r[14], r[16]])).toEqual([
      ['', '', ''],
      ['売上高', '課税売上 10%', '40900'],
      ['仮受消費税', '課税売上 10%', '4090'],
      ['売上高', '課税売上内軽減8%', '6192'],
      ['仮受消費税', '課税売上内軽減8%', '495'],
    ]);
  });
});

describe('neutral CSV', () => {
  it('UTF-8 with BOM, a header, one row per line, sides named', () => {
    const out = writeJournal([simple, sale], 'csv', 'j.csv');
    const bytes = out.data ?? new Uint8Array();
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = rowsOf(bytes, false);
    expect(rows[0]).toEqual([...NEUTRAL_COLUMNS]);
    expect(rows).toHaveLength(1 + 2 + 3);
    expect(rows[1]).toEqual(['1', '2026-05-29', 'debit', '買掛金', '山田商店', '', '対象外', '110000', '0', '山田商店 支払']);
    expect(rows[5]).toEqual([
      '2',
      '2026-05-31',
      'credit',
      '売上高',
      '',
      '',
      '課税売上8%(軽)',
      '6687',
      '495',
      '請求書 INV-1 株式会社サンプル',
    ]);
  });

  it('takes any character (UTF-8)', () => {
    const e = new EntryBuilder('2026-05-29', 'x').debit(p('payable', '山田🍣'), 1).credit(p('bank'), 1).build();
    expect(writeJournal([e], 'csv', 'j.csv').problems).toEqual([]);
  });
});

describe('every file reads back balanced (generated entries)', () => {
  const entryArb = fc
    .record({
      debits: fc.array(fc.integer({ min: 1, max: 99_999_999 }), { minLength: 1, maxLength: 5 }),
      credits: fc.integer({ min: 1, max: 4 }),
      day: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ debits, credits, day }) => {
      const b = new EntryBuilder(`2026-05-${String(day).padStart(2, '0')}`, '生成');
      for (const a of debits) b.debit(p('salary'), a);
      const total = debits.reduce((s, a) => s + a, 0);
      // The credit side split in `credits` parts that sum to the debit total.
      const part = Math.floor(total / credits);
      for (let i = 0; i < credits; i++) b.credit(p('bank'), i === credits - 1 ? total - part * (credits - 1) : part);
      return b.build();
    });

  it('弥生: 2000 alone or 2110, 2100 …, 2101 around each slip, whose debit and credit columns sum alike', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 12 }), (entries) => {
        const rows = rowsOf(writeJournal(entries, 'yayoi', 'j.csv').data, true);
        const slips: (readonly string[])[][] = [];
        for (const r of rows) {
          expect(r).toHaveLength(25);
          if (r[0] === '2000' || r[0] === '2110') slips.push([r]);
          else slips.at(-1)?.push(r);
        }
        expect(slips).toHaveLength(entries.length);
        for (const [i, slip] of slips.entries()) {
          const flags = slip.map((r) => r[0]).join(' ');
          expect(flags).toMatch(/^(2000|2110( 2100)* 2101)$/);
          const sum = (c: number) => slip.reduce((s, r) => s + Number(r[c]), 0);
          expect(sum(8)).toBe(sum(14));
          expect(sum(8)).toBe(entries[i]?.lines.filter((l) => l.side === 'debit').reduce((s, l) => s + l.amount, 0));
        }
      }),
    );
  });

  it('マネーフォワード: the rows of one 取引No share its date and balance', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 12 }), (entries) => {
        const rows = rowsOf(writeJournal(entries, 'mf', 'mf.csv').data, true).slice(1);
        const byNo = new Map<string | undefined, (readonly string[])[]>();
        for (const r of rows) byNo.set(r[0], [...(byNo.get(r[0]) ?? []), r]);
        expect(byNo.size).toBe(entries.length);
        for (const [no, group] of byNo) {
          expect(new Set(group.map((r) => r[1])).size).toBe(1);
          const sum = (c: number) => group.reduce((s, r) => s + Number(r[c] || 0), 0);
          expect(sum(8)).toBe(sum(16));
          expect(group[0]?.[1]).toBe(entries[Number(no) - 1]?.date.replaceAll('-', '/'));
        }
      }),
    );
  });
});
