/**
 * The payer patterns of issue 18, each by hand: names cut short by the payer, 法人格 spelled out,
 * namesakes told apart by the legal form, group payers, and the 許容差額 with its 差額の処理.
 */
import { describe, expect, it } from 'vitest';
import { parseCustomerName, parsePayerName } from '../../../core/kana/payer-name.js';
import { confirmSuggestion, EMPTY_LEARNED } from '../../../core/reconcile/learned.js';
import { matchDeposits } from '../../../core/reconcile/match.js';
import { deposit, invoice, statement } from './helpers.js';

const kanto = { customerName: '関東山田商事株式会社', customerKana: 'カントウヤマダショウジ' };
const shinAsahi = { customerName: '株式会社新旭工業', customerKana: 'シンアサヒコウギョウ' };

describe('names cut short by the payer (short_name)', () => {
  it('takes the one customer whose name the payer key starts, with an exact amount', () => {
    const items = [invoice('K1', 'C1', 77_000, kanto), invoice('S1', 'C2', 66_000, shinAsahi)];
    const d = matchDeposits(statement(deposit(77_000, 'ｶﾝﾄｳﾔﾏﾀﾞ'), deposit(66_000, 'ｶ)ｼﾝｱｻﾋｺｳｷ')), items).decisions;
    expect(d.map((x) => [x.status, x.method, x.customerId, x.allocations[0]?.invoiceId])).toEqual([
      ['auto', 'short_name+exact', 'C1', 'K1'],
      ['auto', 'short_name+exact', 'C2', 'S1'],
    ]);
    expect(d[0]?.reason).toBe('振込名義が得意先名の先頭と一致（途中で切れた名義）、請求残高と金額一致');
  });

  it('lets the amount decide among customers sharing the start, and trusts nothing but an exact amount', () => {
    const items = [
      invoice('K1', 'C1', 77_000, kanto),
      invoice('K2', 'C2', 88_000, { customerName: '関東山田建設株式会社', customerKana: 'カントウヤマダケンセツ' }),
    ];
    const [one, none] = matchDeposits(statement(deposit(88_000, 'ｶﾝﾄｳﾔﾏﾀﾞ'), deposit(87_560, 'ｶﾝﾄｳﾔﾏﾀﾞ')), items).decisions;
    expect(one).toMatchObject({ status: 'auto', method: 'short_name+exact', customerId: 'C2' });
    expect(one?.reason).toBe('振込名義が得意先2件の名前の先頭と一致（途中で切れた名義）、金額が一致する請求はこの得意先の1件のみ');
    expect(none?.status).not.toBe('auto');
  });

  it('leaves a cut name without an exact amount to a person, naming the customer but booking nothing', () => {
    const [d] = matchDeposits(statement(deposit(70_000, 'ｶﾝﾄｳﾔﾏﾀﾞ')), [invoice('K1', 'C1', 77_000, kanto)]).decisions;
    expect(d).toMatchObject({ status: 'unmatched', method: 'short_name', customerId: 'C1', allocations: [], differenceTreatment: '' });
    expect(d?.reason).toBe('振込名義が得意先名の先頭と一致（途中で切れた名義）、ただし金額の一致する請求がありません（要確認）');
  });

  it('does not take a key under five characters as a cut name', () => {
    const [d] = matchDeposits(statement(deposit(77_000, 'ｶﾝﾄｳ')), [invoice('K1', 'C1', 78_000, kanto)]).decisions;
    expect(d?.status).toBe('unmatched');
  });
});

describe('法人格 spelled out (spelled_legal_form)', () => {
  it.each([
    ['イリョウホウジンシャダン カンサイイケダサンギョウ', '医療法人社団関西池田産業', 'ｲ)ｶﾝｻｲｲｹﾀﾞｻﾝｷﾞﾖｳ', 'iryo'],
    ['イッパンシャダンホウジン ショウナンサカモトサービス', '一般社団法人湘南坂本サービス', 'ｼﾖｳﾅﾝｻｶﾓﾄｻｰﾋﾞｽ(ｼﾔ', 'shadan'],
    ['コウエキザイダンホウジン ミドリキキン', '公益財団法人みどり基金', 'ｻﾞｲ)ﾐﾄﾞﾘｷｷﾝ', 'zaidan'],
    ['シャカイフクシホウジン ヒカリノソノ', '社会福祉法人光の園', 'ﾌｸ)ﾋｶﾘﾉｿﾉ', 'fukushi'],
    ['トクテイヒエイリカツドウホウジン ミライネット', '特定非営利活動法人みらいネット', 'ﾄｸﾋ)ﾐﾗｲﾈﾂﾄ', 'npo'],
    ['ミナミノウギョウキョウドウクミアイ', '南農業協同組合', 'ﾐﾅﾐ(ﾉｳｷﾖｳ', 'nokyo'],
    ['ゴウドウガイシャ アオバ', '合同会社青葉', 'ｱｵﾊﾞ(ﾄﾞ)ｾﾝﾀﾞｲｼﾃﾝ', 'godo'],
  ])('%s and %s read like %s', (kana, name, payer, form) => {
    const customer = parseCustomerName(kana, name);
    const written = parsePayerName(payer);
    expect(customer.legalForm?.id).toBe(form);
    expect(written.legalForm?.id).toBe(form);
    expect(written.key).toBe(customer.key);
    const [d] = matchDeposits(statement(deposit(50_000, payer)), [
      invoice('X1', 'C1', 50_000, { customerKana: kana, customerName: name }),
    ]).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'spelled_legal_form+exact', customerId: 'C1' });
  });

  it('names the spelled-out form in the reason', () => {
    const [d] = matchDeposits(statement(deposit(50_000, 'ｲ)ｶﾝｻｲｲｹﾀﾞｻﾝｷﾞﾖｳ')), [
      invoice('X1', 'C1', 50_000, {
        customerKana: 'イリョウホウジンシャダン カンサイイケダサンギョウ',
        customerName: '医療法人社団関西池田産業',
      }),
    ]).decisions;
    expect(d?.reason).toBe('振込名義が得意先カナと一致（書き出された法人格「医療法人」を法人略語と同じに読んだ）、請求残高と金額一致');
  });
});

describe('namesakes told apart by the legal form (legal_form)', () => {
  const items = [
    invoice('F1', 'CO', 30_000, { customerName: '株式会社関西村上フーズ', customerKana: 'カンサイムラカミフーズ' }),
    invoice('F2', 'SOLE', 40_000, { customerName: '関西村上フーズ', customerKana: 'カンサイムラカミフーズ' }),
  ];

  it('gives the payer with ｶ) the company, and the payer without a form the sole proprietor', () => {
    const d = matchDeposits(statement(deposit(30_000, 'ｶ)ｶﾝｻｲﾑﾗｶﾐﾌｰｽﾞ'), deposit(40_000, 'ｶﾝｻｲﾑﾗｶﾐﾌｰｽﾞ')), items).decisions;
    expect(d.map((x) => [x.status, x.method, x.customerId])).toEqual([
      ['auto', 'legal_form+exact', 'CO'],
      ['auto', 'legal_form+exact', 'SOLE'],
    ]);
    expect(d[0]?.reason).toBe('同名の得意先2件のうち法人格（株式会社）が一致するのはこの1件、請求残高と金額一致');
    expect(d[1]?.reason).toBe('同名の得意先2件のうち法人格のない得意先（個人事業主）はこの1件、請求残高と金額一致');
  });

  it('leaves namesakes of one legal form to a person', () => {
    const twins = [items[0], { ...(items[1] as (typeof items)[number]), customerName: '株式会社関西村上フーズ' }];
    const [d] = matchDeposits(
      statement(deposit(30_000, 'ｶ)ｶﾝｻｲﾑﾗｶﾐﾌｰｽﾞ')),
      twins.filter((i) => i !== undefined),
    ).decisions;
    expect(d?.status).toBe('suggested');
  });
});

describe('one payer name for several customers (group)', () => {
  const parent = { payerNames: ['ｶ)ﾔﾏﾓﾄﾎｰﾙﾃﾞｨﾝｸﾞｽ'] };
  const items = [
    invoice('A1', 'SUB1', 120_000, { ...parent, customerName: '株式会社山本物流', customerKana: 'ヤマモトブツリュウ' }),
    invoice('A2', 'SUB1', 45_000, { ...parent, customerName: '株式会社山本物流', customerKana: 'ヤマモトブツリュウ' }),
    invoice('B1', 'SUB2', 80_000, { ...parent, customerName: '株式会社山本食品', customerKana: 'ヤマモトショクヒン' }),
    invoice('B2', 'SUB2', 33_000, { ...parent, customerName: '株式会社山本食品', customerKana: 'ヤマモトショクヒン' }),
  ];

  it('pays the one subsidiary whose invoice has the amount', () => {
    const [d] = matchDeposits(statement(deposit(80_000, 'ｶ)ﾔﾏﾓﾄﾎｰﾙﾃﾞｲﾝｸﾞｽ')), items).decisions;
    expect(d).toMatchObject({
      status: 'auto',
      method: 'group+exact',
      customerId: 'SUB2',
      allocations: [{ invoiceId: 'B1', amount: 80_000 }],
    });
    expect(d?.reason).toBe('登録済みの振込名義が得意先2件に共通（グループ会社の支払）、金額が一致する請求はこの得意先の1件のみ');
  });

  it('pays invoices across subsidiaries in one transfer when one combination alone adds up', () => {
    const [d] = matchDeposits(statement(deposit(45_000 + 80_000, 'ｶ)ﾔﾏﾓﾄﾎｰﾙﾃﾞｲﾝｸﾞｽ')), items).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'group+combination', difference: 0 });
    expect(d?.allocations.map((a) => a.invoiceId)).toEqual(['A2', 'B1']);
    expect(d?.reason).toContain('得意先2社の請求2件の合計と一致（他の組合せなし）');
  });

  it('suggests when two subsidiaries have the amount, and confirming it teaches which one takes it next time', () => {
    const same = [
      ...items,
      invoice('A3', 'SUB1', 80_000, { ...parent, customerName: '株式会社山本物流', customerKana: 'ヤマモトブツリュウ' }),
    ];
    const [d] = matchDeposits(statement(deposit(80_000, 'ｶ)ﾔﾏﾓﾄﾎｰﾙﾃﾞｲﾝｸﾞｽ')), same).decisions;
    expect(d?.status).toBe('suggested');
    expect(d?.alternatives).toHaveLength(1);
    const chosen = d?.customerId === 'SUB2' ? d : { ...(d as NonNullable<typeof d>), customerId: 'SUB2' };
    const learned = confirmSuggestion(EMPTY_LEARNED, chosen);
    const [next, other] = matchDeposits(statement(deposit(80_000, 'ｶ)ﾔﾏﾓﾄﾎｰﾙﾃﾞｲﾝｸﾞｽ'), deposit(45_000, 'ｶ)ﾔﾏﾓﾄﾎｰﾙﾃﾞｲﾝｸﾞｽ')), same, {
      learned,
    }).decisions;
    expect(next).toMatchObject({ status: 'auto', method: 'group+exact', customerId: 'SUB2' });
    expect(next?.reason).toContain('学習済みの得意先を優先');
    // The learned customer does not take the group's other payments: 45,000 is still SUB1's.
    expect(other).toMatchObject({ status: 'auto', customerId: 'SUB1', allocations: [{ invoiceId: 'A2', amount: 45_000 }] });
  });
});

describe('許容差額 and 差額の処理', () => {
  const ours = { feeBurden: 'ours' as const };

  it('books a short payment within the tolerance as 支払手数料 (当方負担) or 雑損失, an over-payment as 雑収入', () => {
    const d = matchDeposits(
      statement(deposit(99_250, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'), deposit(49_700, 'ﾀﾏﾎｰﾑ'), deposit(30_120, 'ﾀﾏﾎｰﾑ')),
      [
        invoice('Y1', 'C1', 100_000, ours),
        invoice('T1', 'C2', 50_000, { customerName: 'タマホーム', customerKana: 'タマホーム' }),
        invoice('T2', 'C2', 30_000, { customerName: 'タマホーム', customerKana: 'タマホーム' }),
      ],
      { tolerance: 1_000 },
    ).decisions;
    expect(d.map((x) => [x.status, x.method, x.difference, x.differenceTreatment])).toEqual([
      ['auto', 'name+tolerance', -750, '支払手数料'],
      ['auto', 'name+tolerance', -300, '雑損失'],
      ['auto', 'name+tolerance', 120, '雑収入'],
    ]);
    expect(d[0]?.reason).toBe('振込名義が得意先カナと一致、請求残高との差額750円不足は許容差額1000円以内（支払手数料）');
  });

  it('uses the customer’s own tolerance before the run’s', () => {
    const items = [invoice('Y1', 'C1', 100_000, { tolerance: 100 })];
    const [d] = matchDeposits(statement(deposit(99_750, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), items, { tolerance: 1_000 }).decisions;
    expect(d).toMatchObject({ status: 'suggested', method: 'name+tolerance', difference: -250 });
    expect(d?.reason).toContain('許容差額100円を超える');
  });

  it('keeps what is paid over an invoice the bank line names as 前受金 on the customer', () => {
    const [d] = matchDeposits(statement(deposit(150_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ', { edi: 'Y1' })), [invoice('Y1', 'C1', 100_000)]).decisions;
    expect(d).toMatchObject({ status: 'auto', method: 'edi+over', customerId: 'C1', difference: 50_000, differenceTreatment: '前受金' });
    expect(d?.allocations).toEqual([{ invoiceId: 'Y1', amount: 100_000 }]);
  });

  it('shows a known customer’s deposit with nothing open as 前受金', () => {
    const items = [invoice('Y1', 'C1', 100_000)];
    const [, d] = matchDeposits(statement(deposit(100_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'), deposit(20_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), items).decisions;
    expect(d).toMatchObject({ status: 'unmatched', customerId: 'C1', difference: 20_000, differenceTreatment: '前受金' });
  });
});
