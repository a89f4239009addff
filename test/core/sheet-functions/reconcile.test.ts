import { describe, expect, it } from 'vitest';
import { reconcileFunctions, reconcileOfCells } from '../../../core/sheet-functions/reconcile.js';
import { reconcileTable } from '../../../core/reconcile/report.js';
import { journalCustomers, reconcileJournal } from '../../../core/journal/reconcile.js';
import { InputError } from '../../../core/errors.js';

/** As a host calls them on 2026-06-10 in Tokyo. */
const { KANA, RECONCILE } = reconcileFunctions({ today: '2026-06-10' });

const open = [
  ['請求書番号', '得意先コード', '得意先名', '得意先カナ', '請求日', '支払期限', '請求残高', '手数料負担'],
  // Excel serial 46142 = 2026-04-30, 46173 = 2026-05-31
  ['INV-1', 'C1', '株式会社山田商事', 'ヤマダショウジ', 46142, 46173, 110_000, '当方'],
  ['INV-2', 'C2', 'タマホーム株式会社', 'タマホーム', '2026-04-30', '2026-05-31', 330_000, ''],
];

describe('RECONCILE', () => {
  it('returns a header row and one row per deposit, with Excel serial dates read as dates', () => {
    const bank = [
      ['日付', '入金', '出金', '振込依頼人名'],
      [46174, 109_560, '', 'ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'], // 2026-06-01
      [46175, '', 220, 'ﾃｽｳﾘﾖｳ'],
      [46176, 330_000, '', 'ﾀﾏﾎ-ﾑ(ｶ'],
    ];
    const t = RECONCILE(bank, open);
    expect(t[0]).toEqual([
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
    ]);
    expect(t.slice(1).map((r) => [r[0], r[1], r[5], r[8], r[9]])).toEqual([
      [1, '2026-06-01', 'auto', 'INV-1', 440],
      [3, '2026-06-03', 'auto', 'INV-2', 0],
    ]);
  });

  it('gives the run behind its table (reconcileOfCells): the decisions and the open items, whose customers name 売掛金 in the 仕訳', () => {
    const bank = [
      ['日付', '入金', '出金', '振込依頼人名'],
      [46174, 109_560, '', 'ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'],
      [46176, 330_000, '', 'ﾀﾏﾎ-ﾑ(ｶ'],
    ];
    const run = reconcileOfCells(bank, open, { today: '2026-06-10' });
    if (!run.ok) throw new Error('rejected');
    expect(reconcileTable(run.decisions)).toEqual(RECONCILE(bank, open));
    const [first] = reconcileJournal(run.decisions, journalCustomers(run.openItems));
    expect(first?.lines.map((l) => [l.side, l.account, l.subAccount, l.amount])).toEqual([
      ['debit', '普通預金', '', 109_560],
      ['debit', '支払手数料', '', 440],
      ['credit', '売掛金', '株式会社山田商事', 110_000],
    ]);
  });

  it('throws an InputError naming the range, row and column of a bad cell', () => {
    const bank = [
      ['date', 'amount', 'payer'],
      ['2026-06-01', '12.5', 'X'],
    ];
    try {
      RECONCILE(bank, open);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).problems[0]).toMatchObject({ file: 'bank', row: 2, column: 'amount' });
    }
  });

  it('accepts max_combination in the options range and refuses unknown options', () => {
    const bank = [
      ['date', 'amount', 'payer'],
      ['2026-06-01', 440_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'],
    ];
    expect(() => RECONCILE(bank, open, [['max_combination', 2]])).not.toThrow();
    expect(() => RECONCILE(bank, open, [['threshold', 2]])).toThrow(/max_combination/);
  });

  it('clears an invoice paid 300 yen short within the 許容差額 option and shows the difference treatment', () => {
    const bank = [
      ['date', 'amount', 'payer'],
      ['2026-06-01', 329_700, 'ﾀﾏﾎｰﾑ(ｶ'],
    ];
    const header = RECONCILE(bank, open)[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    const without = RECONCILE(bank, open)[1] ?? [];
    expect(without[col('status')]).not.toBe('auto');
    const [, row] = RECONCILE(bank, open, [['許容差額', 500]]);
    expect([row?.[col('status')], row?.[col('invoice_ids')], row?.[col('difference')], row?.[col('difference_treatment')]]).toEqual([
      'auto',
      'INV-2',
      -300,
      '雑損失',
    ]);
  });
});

describe('KANA', () => {
  it('gives the key a payer name and the customer kana share', () => {
    expect(KANA('ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')).toBe('ヤマダシヨウジ');
    expect(KANA('ヤマダショウジ')).toBe('ヤマダシヨウジ');
    expect(KANA('')).toBe('');
  });
});
