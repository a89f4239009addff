import { describe, expect, it } from 'vitest';
import { confirmSuggestion, EMPTY_LEARNED, learnFrom } from '../../../core/reconcile/learned.js';
import { matchDeposits } from '../../../core/reconcile/match.js';
import { deposit, invoice, statement } from './helpers.js';

const yamada = { customerName: '株式会社山田商事', customerKana: 'ヤマダショウジ' };
const tama = { customerName: '株式会社タマホーム', customerKana: 'タマホーム' };

describe('matchDeposits: customer found by name', () => {
  it('matches the exact amount of the customer named by the payer', () => {
    const [d] = matchDeposits(statement(deposit(108_900, 'ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), [invoice('A1', 'C1', 108_900, yamada)]).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'name+exact', customerId: 'C1', fee: 0, difference: 0 });
    expect(d?.allocations).toEqual([{ invoiceId: 'A1', amount: 108_900 }]);
    expect(d?.reason).toContain('振込名義が得意先カナと一致');
  });

  it('gives the oldest due date the payment when two invoices have the same amount', () => {
    const items = [invoice('NEW', 'C1', 55_000, { dueDate: '2026-06-30' }), invoice('OLD', 'C1', 55_000, { dueDate: '2026-05-31' })];
    const [d] = matchDeposits(statement(deposit(55_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), items).decisions;
    expect(d?.allocations.map((a) => a.invoiceId)).toEqual(['OLD']);
    expect(d?.alternatives.map((a) => a.invoiceIds)).toEqual([['NEW']]);
  });

  it('deducts a fee from the global set for a customer that bears it (当方負担)', () => {
    // 54,560 received for an invoice of 55,000: 440 yen deducted.
    const [d] = matchDeposits(statement(deposit(54_560, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), [invoice('A1', 'C1', 55_000, { feeBurden: 'ours' })]).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'name+fee', fee: 440, difference: 0 });
    expect(d?.allocations).toEqual([{ invoiceId: 'A1', amount: 55_000 }]);
  });

  it('only suggests a fee deduction from a customer who should bear fees itself (先方負担)', () => {
    const [d] = matchDeposits(statement(deposit(54_560, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), [invoice('A1', 'C1', 55_000, { feeBurden: 'theirs' })]).decisions;
    expect(d).toMatchObject({ status: 'suggested', fee: 440 });
  });

  it('uses the fee the customer is known to deduct even without a fee flag', () => {
    const learned = {
      facts: [
        {
          kind: 'fee' as const,
          payerKey: '',
          remitterBank: '',
          remitterBranch: '',
          customerId: 'C1',
          fee: 864,
          count: 3,
          lastDate: '2026-05-10',
        },
      ],
    };
    const [d] = matchDeposits(statement(deposit(99_136, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), [invoice('A1', 'C1', 100_000)], { learned }).decisions;
    expect(d).toMatchObject({ status: 'auto', fee: 864 });
    expect(d?.reason).toContain('学習済みの手数料');
  });

  it('settles all open items of the customer when the payment is their total', () => {
    const items = [invoice('A1', 'C1', 10_000), invoice('A2', 'C1', 20_000), invoice('A3', 'C1', 30_000)];
    const [d] = matchDeposits(statement(deposit(60_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), items).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'name+all_open' });
    expect(d?.allocations.map((a) => a.invoiceId)).toEqual(['A1', 'A2', 'A3']);
  });

  it('finds the one combination of invoices that sums to the payment', () => {
    const items = [invoice('A1', 'C1', 11_000), invoice('A2', 'C1', 23_000), invoice('A3', 'C1', 37_000), invoice('A4', 'C1', 51_000)];
    // 11,000 + 37,000 = 48,000 and no other subset of these gives 48,000.
    const [d] = matchDeposits(statement(deposit(48_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), items).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'name+combination' });
    expect(d?.allocations.map((a) => a.invoiceId).sort()).toEqual(['A1', 'A3']);
  });

  it('refuses to choose between two combinations with the same total', () => {
    // 10,000 + 40,000 = 20,000 + 30,000 = 50,000: two solutions, so a person decides.
    const items = [10_000, 20_000, 30_000, 40_000, 99_000].map((a, i) => invoice(`A${i}`, 'C1', a));
    const [d] = matchDeposits(statement(deposit(50_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), items).decisions;
    expect(d?.status).toBe('suggested');
    expect(d?.alternatives).toHaveLength(1);
  });

  it('applies a part payment to the oldest invoice', () => {
    const items = [invoice('OLD', 'C1', 100_000, { dueDate: '2026-04-30' }), invoice('NEW', 'C1', 80_000, { dueDate: '2026-05-31' })];
    const r = matchDeposits(statement(deposit(30_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), items);
    expect(r.decisions[0]).toMatchObject({
      status: 'auto',
      method: 'name+partial',
      allocations: [{ invoiceId: 'OLD', amount: 30_000 }],
      difference: 0,
    });
    expect(r.remaining.get('OLD')).toBe(70_000);
  });

  it('suggests, never applies, a payment larger than everything the customer owes', () => {
    const [d] = matchDeposits(statement(deposit(130_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), [invoice('A1', 'C1', 100_000)]).decisions;
    expect(d).toMatchObject({ status: 'suggested', difference: 30_000 });
  });

  it('tells namesakes apart by legal form (ｶ) vs ﾕ))', () => {
    const items = [
      invoice('K', 'KABU', 50_000, yamada),
      invoice('Y', 'YUGEN', 50_000, { customerName: '有限会社山田商事', customerKana: 'ヤマダショウジ' }),
    ];
    const [d] = matchDeposits(statement(deposit(50_000, 'ﾔﾏﾀﾞｼﾖｳｼﾞ(ﾕ')), items).decisions;
    expect(d).toMatchObject({ status: 'auto', customerId: 'YUGEN' });
  });

  it('never auto-matches true namesakes, even when the amount picks one', () => {
    const items = [invoice('A', 'C1', 50_000, yamada), invoice('B', 'C2', 70_000, yamada)];
    const [d] = matchDeposits(statement(deposit(50_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), items).decisions;
    expect(d).toMatchObject({ status: 'suggested', customerId: 'C1' });
    expect(d?.reason).toContain('同名の得意先が2件');
  });

  it('matches a name the bank cut at 26 characters as a prefix', () => {
    const long = {
      customerName: '株式会社東京総合建設工業ホールディングス',
      customerKana: 'トウキョウソウゴウケンセツコウギョウホールディングス',
    };
    const payer = 'ｶ)ﾄｳｷﾖｳｿｳｺﾞｳｹﾝｾﾂｺｳｷﾞﾖｳﾎｰﾙﾃ';
    const [d] = matchDeposits(statement(deposit(77_000, payer, { edi: 'ｼﾊﾗｲ0612' })), [invoice('A1', 'C9', 77_000, long)]).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'truncated_name+exact' });
  });

  it('uses a registered 振込名義 (payer_names) for a customer paying under another name', () => {
    const items = [invoice('A1', 'C1', 40_000, { ...yamada, payerNames: ['ﾔﾏﾀﾞﾎｰﾙﾃﾞｨﾝｸﾞｽ(ｶ'] })];
    const [d] = matchDeposits(statement(deposit(40_000, 'ｶ)ﾔﾏﾀﾞﾎ-ﾙﾃﾞｲﾝｸﾞｽ')), items).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'payer_names+exact' });
  });
});

describe('matchDeposits: keys on the bank line', () => {
  it('takes the customer from a virtual account whatever the name says', () => {
    const items = [invoice('A1', 'C1', 12_000, { virtualAccount: '9000001' })];
    const [d] = matchDeposits(statement(deposit(12_000, 'ﾀﾞﾚｶ', { virtualAccount: '9000001' })), items).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'virtual_account+exact', customerId: 'C1' });
  });

  it('takes the invoice named in the EDI field', () => {
    const items = [invoice('INV-2026-0007', 'C1', 33_000), invoice('INV-2026-0008', 'C1', 33_000, { dueDate: '2026-04-30' })];
    const [d] = matchDeposits(statement(deposit(33_000, 'ｶ)ﾔﾏﾀﾞ', { edi: 'INV-2026-0007' })), items).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'edi+exact', allocations: [{ invoiceId: 'INV-2026-0007', amount: 33_000 }] });
  });

  it('names no invoice with an EDI field of separators only (-, /, －): its key is empty, as is the key of an id of separators', () => {
    const items = [
      invoice('-', 'C1', 5_000, { customerName: '佐藤商店', customerKana: 'ｻﾄｳｼｮｳﾃﾝ' }),
      invoice('－', 'C3', 5_000, { customerName: '川村商店', customerKana: 'ｶﾜﾑﾗｼｮｳﾃﾝ' }),
      invoice('INV-2', 'C2', 5_000, { customerName: '山田商事', customerKana: 'ﾔﾏﾀﾞｼｮｳｼﾞ' }),
    ];
    for (const edi of ['-', '/', '---', '－', ' - ']) {
      const [d] = matchDeposits(statement(deposit(5_000, 'ﾔﾏﾀﾞ ｼｮｳｼﾞ', { edi })), items).decisions;
      expect(d).toMatchObject({
        status: 'auto',
        method: 'name+exact',
        customerId: 'C2',
        allocations: [{ invoiceId: 'INV-2', amount: 5_000 }],
      });
    }
  });

  it('knows a payer again by its 振込依頼人コード once learned', () => {
    const learned = {
      facts: [
        {
          kind: 'code' as const,
          payerKey: '1234567890',
          remitterBank: '',
          remitterBranch: '',
          customerId: 'C1',
          fee: 0,
          count: 1,
          lastDate: '',
        },
      ],
    };
    const [d] = matchDeposits(statement(deposit(5_000, 'ｿﾉﾀ', { payerCode: '1234567890' })), [invoice('A1', 'C1', 5_000)], {
      learned,
    }).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'payer_code+exact' });
  });
});

describe('matchDeposits: what stays with a person', () => {
  it('only suggests an amount unique across all customers when the payer resembles none', () => {
    const items = [invoice('A1', 'C1', 123_456, yamada), invoice('B1', 'C2', 99_000, tama)];
    const [d] = matchDeposits(statement(deposit(123_456, 'ｽｽﾞｷ ｲﾁﾛｳ')), items).decisions;
    expect(d).toMatchObject({ status: 'suggested', method: 'amount+amount_only', customerId: 'C1' });
  });

  it('leaves an unknown payer with an unknown amount unmatched, with the whole deposit as difference', () => {
    const [d] = matchDeposits(statement(deposit(777, 'ﾘｿｸ')), [invoice('A1', 'C1', 1_000)]).decisions;
    expect(d).toMatchObject({ status: 'unmatched', method: 'none', difference: 777, allocations: [] });
  });

  it('does not match withdrawals against receivables', () => {
    const r = matchDeposits(statement(deposit(1_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ', { direction: 'out' })), [invoice('A1', 'C1', 1_000)]);
    expect(r.decisions).toEqual([]);
  });

  it('does not match a cancelled transfer (取消区分 1) and asks to reverse the 消込 of one from an earlier notice', () => {
    const [d] = matchDeposits(statement(deposit(1_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ', { cancelled: true, id: '000007' })), [
      invoice('A1', 'C1', 1_000),
    ]).decisions;
    expect(d?.status).toBe('unmatched');
    expect(d?.reason).toBe('取消区分1: この明細にない以前の振込（照会番号000007、1000円）の取消。その消込を取り消してください');
  });

  it('clears nothing with a transfer cancelled in the same notice (取消区分 1 reverses it), but still matches the others', () => {
    const r = matchDeposits(
      statement(
        deposit(55_000, 'ﾔﾏﾀﾞ ﾀﾛｳ', { id: '000001' }),
        deposit(2_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ', { id: '000002' }),
        deposit(55_000, 'ﾔﾏﾀﾞ ﾀﾛｳ', { id: '000001', cancelled: true }),
      ),
      [invoice('I1', 'C1', 55_000, { payerNames: ['ﾔﾏﾀﾞ ﾀﾛｳ'] }), invoice('I2', 'C1', 2_000, { dueDate: '2026-06-30' })],
    );
    expect(r.decisions.map((d) => [d.status, d.allocations.map((a) => a.invoiceId)])).toEqual([
      ['unmatched', []],
      ['auto', ['I2']],
      ['unmatched', []],
    ]);
    expect(r.decisions[0]?.reason).toContain('取り消された振込');
    expect(r.decisions[2]?.reason).toContain('明細1の振込（55000円）の取消');
    expect(r.remaining.get('I1')).toBe(55_000);
  });

  it('uses each invoice once: a second payment of the same amount is not matched to a paid invoice', () => {
    const r = matchDeposits(statement(deposit(1_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'), deposit(1_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), [invoice('A1', 'C1', 1_000)]);
    expect(r.decisions.map((d) => d.status)).toEqual(['auto', 'unmatched']);
    expect(r.decisions[1]).toMatchObject({ customerId: 'C1', difference: 1_000 });
    expect(r.decisions[1]?.reason).toContain('未消込の請求がありません');
  });
});

describe('learning', () => {
  it('confirming a suggestion teaches the payer name, so the next run matches it automatically', () => {
    const items = [invoice('A1', 'C1', 123_456, yamada)];
    const first = matchDeposits(statement(deposit(123_456, 'ﾔﾏﾀﾞHD', { remitterBank: 'ﾐｽﾞﾎ' })), items).decisions[0];
    expect(first?.status).toBe('suggested');
    const learned = confirmSuggestion(EMPTY_LEARNED, first as NonNullable<typeof first>);
    expect(learned.facts).toContainEqual(
      expect.objectContaining({ kind: 'payer', payerKey: 'ヤマダHD', remitterBank: 'ミズホ', customerId: 'C1', count: 1 }),
    );
    const again = matchDeposits(statement(deposit(50_000, 'ﾔﾏﾀﾞHD')), [invoice('A2', 'C1', 50_000, yamada)], { learned }).decisions[0];
    expect(again).toMatchObject({ status: 'auto', method: 'learned+exact' });
  });

  it('counts repeated confirmations and learns the fee deducted', () => {
    const d = matchDeposits(statement(deposit(54_560, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), [invoice('A1', 'C1', 55_000, { feeBurden: 'ours' })]).decisions[0];
    const twice = learnFrom(learnFrom(EMPTY_LEARNED, [d as NonNullable<typeof d>]), [d as NonNullable<typeof d>]);
    expect(twice.facts).toContainEqual(expect.objectContaining({ kind: 'fee', customerId: 'C1', fee: 440, count: 2 }));
    expect(twice.facts).toContainEqual(expect.objectContaining({ kind: 'payer', payerKey: 'ヤマダシヨウジ', count: 2 }));
  });

  it('prefers the learned customer seen with the same 仕向銀行 for a name two customers share', () => {
    const fact = (customerId: string, bank: string, count: number) => ({
      kind: 'payer' as const,
      payerKey: 'ヤマダ',
      remitterBank: bank,
      remitterBranch: '',
      customerId,
      fee: 0,
      count,
      lastDate: '',
    });
    const learned = { facts: [fact('C1', 'ミズホ', 1), fact('C2', 'リソナ', 5)] };
    const items = [invoice('A1', 'C1', 1_000), invoice('B1', 'C2', 1_000)];
    const [d] = matchDeposits(statement(deposit(1_000, 'ﾔﾏﾀﾞ', { remitterBank: 'ﾐｽﾞﾎ' })), items, { learned }).decisions;
    expect(d?.customerId).toBe('C1');
  });
});
