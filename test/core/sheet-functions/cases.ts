/**
 * Calls of the spreadsheet functions with the values core gives, shared by the host tests: the
 * Excel functions bundle and the Apps Script Code.js must each give these same results.
 *
 * Arguments are what both hosts can pass: numbers, text, null for an omitted argument, and 2-D
 * arrays for ranges (Excel dates as serial numbers, Sheets as Date objects: cases use text or
 * serials). `expected` is core's result; a host that declares a matrix result may show a single
 * value as a 1×1 array. `{ error: 'arg' }` means the call is refused with an InputError naming `arg`.
 */

import { YEAR_END_COLUMNS } from '../../../core/payroll/year-end/output.js';

export type CaseValue = string | number | boolean | null | CaseValue[][];
export type Expected = CaseValue | { readonly error: string };

export interface FunctionCase {
  readonly title: string;
  readonly fn: string;
  readonly args: readonly CaseValue[];
  readonly expected: Expected;
}

/**
 * Excel's serial number for a date (1900 date system).
 * @example excelSerial('2026-05-25') // 46167
 */
export const excelSerial = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;

/** The employees range of the NTA worked example: the payroll employees columns, birth date as an Excel serial. */
export const NTA_EMPLOYEES: (string | number)[][] = [
  ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表'],
  ['1001', '山田 太郎', 29_326, '東京都', 600_000, 4, '甲'],
];
/** Its declarations (Japanese headers): spouse with no income, 特定・同居老親等・一般 one each, one 障害者, one 特定親族. */
export const NTA_DECLARATIONS: (string | number)[][] = [
  [
    '社員番号',
    '配偶者の合計所得',
    '特定扶養',
    '同居老親等',
    '一般扶養',
    '障害者',
    '特定親族の合計所得',
    '新生命保険料',
    '介護医療保険料',
    '新個人年金保険料',
    '地震保険料',
    '住宅借入金等特別控除額',
  ],
  ['1001', 0, 1, 1, 1, 1, 1_000_000, 150_000, 100_000, 100_000, 60_000, 76_500],
];
/** Its year totals. */
export const NTA_TOTALS: (string | number)[][] = [
  ['employee_id', 'total_pay', 'withheld_tax', 'social_insurance'],
  ['1001', 8_970_000, 156_670, 1_386_102],
];

/**
 * The day core runs the cases on. Every case gives its dates and years (INVOICETAX, which has none,
 * uses rates in force since 2019), so the hosts, on their own clocks, answer the same.
 */
export const CASES_TODAY = '2026-06-01';

export const FUNCTION_CASES: readonly FunctionCase[] = [
  // 源泉徴収税額表 令和8年分 月額表: 175,000円以上177,000円未満 甲欄 扶養2人 → 250
  { title: '月額表 甲 2人', fn: 'WITHHOLDING', args: [175_000, 2, '甲', '2026-05-25'], expected: 250 },
  // 電算機計算の特例 (令和8年分): 175,000円 2人 → 210 (core/payroll tests work the formula through)
  { title: '電算機計算の特例', fn: 'WITHHOLDING', args: [175_000, 2, 'kou', '2026-05-25', 'computer'], expected: 210 },
  // 月額表 乙欄 300,000円 → 53,600
  { title: '月額表 乙', fn: 'WITHHOLDING', args: [300_000, 0, '乙', '2026-05-25'], expected: 53_600 },
  // 46167 is 2026-05-25 as an Excel serial (1899-12-30 + 46167 days)
  { title: 'Excel serial pay date', fn: 'WITHHOLDING', args: [175_000, 2, '甲', 46_167], expected: 250 },
  // 446,000円 8人 甲 → 1,010; text amount and 和暦 date
  { title: 'text amount and 和暦', fn: 'WITHHOLDING', args: ['¥446,000', 8, '甲', '令和8年5月25日'], expected: 1_010 },
  {
    title: 'a column of pay gives a column of tax; a blank row stays blank',
    fn: 'WITHHOLDING',
    args: [[[175_000], [300_000], [''], [250_000]], 2, '甲', '2026-05-25'],
    expected: [[250], [4_700], [''], [2_880]],
  },
  {
    title: 'dependants and column per row',
    fn: 'WITHHOLDING',
    args: [[[175_000], [300_000]], [[2], [0]], [['甲'], ['乙']], '2026-05-25', 'computer'],
    expected: [[210], [53_600]],
  },
  { title: 'a word for an amount', fn: 'WITHHOLDING', args: ['abc', 2, '甲', '2026-05-25'], expected: { error: 'taxable' } },
  { title: 'no such column', fn: 'WITHHOLDING', args: [175_000, 2, '丙', '2026-05-25'], expected: { error: 'column' } },
  { title: 'a year without a monthly table', fn: 'WITHHOLDING', args: [175_000, 2, '甲', '2020-05-25'], expected: { error: 'method' } },
  // 賞与の算出率の表: 前月 300,000円 2人 → 4.084%; 500,000 × 4.084% = 20,420
  { title: '賞与', fn: 'BONUSWITHHOLDING', args: [500_000, 300_000, 2, '甲', '2026-07-10'], expected: 20_420 },
  // 厚生年金 22等級 290,000〜310,000 → 300,000
  { title: '標準報酬月額 厚生年金', fn: 'STANDARDMONTHLY', args: [300_000, 'pension', '2026-05-01'], expected: 300_000 },
  { title: '標準報酬月額 kind unknown', fn: 'STANDARDMONTHLY', args: [300_000, 'dental', '2026-05-01'], expected: { error: 'kind' } },
  // 東京都 令和8年度: 健保 9.85% + 介護 1.62% = 11.47% → 34,410 / 2 = 17,205; 支援金 0.23% → 690 / 2 = 345;
  // 厚年 18.3% → 54,900 / 2 = 27,450; 事業主 17,205 + 345 + 27,450 + 拠出金 0.36% 1,080 = 46,080
  {
    title: '社会保険料 東京 45歳',
    fn: 'SOCIALINSURANCE',
    args: [300_000, '東京都', 45, '2026-04'],
    expected: [[17_205, 345, 27_450, 46_080]],
  },
  // 30歳: no 介護; 健保 9.85% → 29,550 / 2 = 14,775; 事業主 14,775 + 345 + 27,450 + 1,080 = 43,650
  {
    title: '社会保険料 東京 30歳',
    fn: 'SOCIALINSURANCE',
    args: [300_000, '東京都', 30, '2026-04'],
    expected: [[14_775, 345, 27_450, 43_650]],
  },
  {
    title: '社会保険料 unknown prefecture',
    fn: 'SOCIALINSURANCE',
    args: [300_000, '東京府', 30, '2026-04'],
    expected: { error: 'prefecture' },
  },
  // 令和8年度 一般 5/1000: 300,102 × 0.005 = 1,500.51 → 50銭超 → 1,501
  { title: '雇用保険 一般', fn: 'EMPLOYMENTINSURANCE', args: [300_102, '一般', '2026-04-30'], expected: 1_501 },
  // 300,000 / 160 = 1,875円/h; 時間外 10h × 1.25 = 23,437.5 → 23,438; 深夜 10h × 0.25 = 4,687.5 → 4,688; 計 28,126
  { title: '割増賃金', fn: 'OVERTIMEPAY', args: [300_000, 160, 10, null, 10], expected: 28_126 },
  // 180,300 / 12 = 15,025 → 15,000 (100円未満切捨て); June takes 180,300 − 15,000 × 11 = 15,300
  { title: '住民税 6月', fn: 'RESIDENTTAX', args: [180_300, 6], expected: 15_300 },
  { title: '住民税 7月', fn: 'RESIDENTTAX', args: [180_300, 7], expected: 15_000 },
  { title: '住民税 month 13', fn: 'RESIDENTTAX', args: [180_300, 13], expected: { error: 'month' } },
  // ⑨ 給与所得控除後の給与等の金額, 令和8年分: under 741,000 → 0; to 2,190,999 → S − 740,000;
  // 6,600,000 → 6,600,000 × 90 % − 1,100,000 = 4,840,000; 8,970,000 → 8,970,000 − 1,950,000 = 7,020,000 (NTA example)
  { title: '⑨ NTA worked example', fn: 'KYUYOSHOTOKU', args: [8_970_000, 2026], expected: 7_020_000 },
  { title: '⑨ 740,999 is below the 74万 minimum', fn: 'KYUYOSHOTOKU', args: [740_999, 2026], expected: 0 },
  { title: '⑨ 741,000', fn: 'KYUYOSHOTOKU', args: [741_000, 2026], expected: 1_000 },
  { title: '⑨ 2,190,999, the last before the printed table', fn: 'KYUYOSHOTOKU', args: [2_190_999, 2026], expected: 1_450_999 },
  { title: '⑨ 6,600,000, the first by formula', fn: 'KYUYOSHOTOKU', args: [6_600_000, 2026], expected: 4_840_000 },
  { title: '⑨ 令和8年分 as text', fn: 'KYUYOSHOTOKU', args: ['¥8,970,000', '令和8年分'], expected: 7_020_000 },
  {
    title: '⑨ a column of pay gives a column; a blank row stays blank',
    fn: 'KYUYOSHOTOKU',
    args: [[[8_970_000], [''], [741_000]], 2026],
    expected: [[7_020_000], [''], [1_000]],
  },
  { title: '⑨ a year without a table', fn: 'KYUYOSHOTOKU', args: [8_970_000, 2025], expected: { error: 'year' } },
  { title: '⑨ negative pay', fn: 'KYUYOSHOTOKU', args: [-1, 2026], expected: { error: 'total_pay' } },
  { title: '⑨ a bad row of a column', fn: 'KYUYOSHOTOKU', args: [[[1_000_000], ['abc']], 2026], expected: { error: 'total_pay[row 2]' } },
  // The NTA worked example (年末調整のしかた 令和8年分): ⑨ 7,020,000, ⑩ 47,000, deductions 4,826,102
  // (社会保険料 1,386,102, 生命保険料 120,000, 地震保険料 50,000, 配偶者 380,000, 特定親族 410,000,
  // 扶養・障害者 1,860,000, 基礎 620,000), ㉒ 2,146,000, ㉓ 117,100, 住宅 76,500, ㉖ 41,400, 超過額 115,270.
  // 29326 is 1980-04-15 as an Excel serial.
  {
    title: '年末調整 NTA worked example from year totals',
    fn: 'NENCHO',
    args: [NTA_EMPLOYEES, NTA_DECLARATIONS, NTA_TOTALS, 2026],
    expected: [
      [...YEAR_END_COLUMNS],
      [
        '1001',
        '山田 太郎',
        8_970_000,
        7_020_000,
        47_000,
        1_386_102,
        0,
        120_000,
        50_000,
        380_000,
        410_000,
        1_860_000,
        620_000,
        4_826_102,
        2_146_000,
        117_100,
        76_500,
        41_400,
        156_670,
        -115_270,
        'adjusted',
        '',
        // 年分, and the last pay summed: none from totals.
        2026,
        '',
      ],
    ],
  },
  {
    title: '年末調整 a bad declaration cell',
    fn: 'NENCHO',
    args: [
      NTA_EMPLOYEES,
      [NTA_DECLARATIONS[0] ?? [], ['1001', 0, 'x', 1, 1, 1, 1_000_000, 150_000, 100_000, 100_000, 60_000, 76_500]],
      NTA_TOTALS,
      2026,
    ],
    expected: { error: '特定扶養' },
  },
  {
    title: '年末調整 a year without a table',
    fn: 'NENCHO',
    args: [NTA_EMPLOYEES, NTA_DECLARATIONS, NTA_TOTALS, 2027],
    expected: { error: 'year' },
  },
  // 10%: 5,500 + 35,400 = 40,900 → 4,090; 8%: 6,192 × 8% = 495.36 → 495 (once per rate, 切捨て)
  {
    title: '消費税 per rate',
    fn: 'INVOICETAX',
    args: [[[5_500], [35_400], [6_192]], [[10], ['10%'], ['8%']], 'floor'],
    expected: [
      ['税率', '対象額', '消費税額'],
      ['10%', 40_900, 4_090],
      ['8%', 6_192, 495],
    ],
  },
  // ten lines of 105 yen at 8%: 1,050 × 8% = 84 (not 10 × 8 = 80)
  {
    title: '消費税 rounded once, not per line',
    fn: 'INVOICETAX',
    args: [Array.from({ length: 10 }, () => [105]), Array.from({ length: 10 }, () => [8]), null],
    expected: [
      ['税率', '対象額', '消費税額'],
      ['8%', 1_050, 84],
    ],
  },
  {
    title: '非課税 and 不課税 kept apart, no tax on either',
    fn: 'INVOICETAX',
    args: [[[1_000], [30_000], [200]], [[10], ['非課税'], ['不課税']], null],
    expected: [
      ['税率', '対象額', '消費税額'],
      ['10%', 1_000, 100],
      ['0%', 30_000, 0],
      ['不課税', 200, 0],
    ],
  },
  { title: '消費税 5% is no rate', fn: 'INVOICETAX', args: [[[100], [200]], [[10], [5]], null], expected: { error: 'rates[row 2]' } },
  { title: '消費税 unknown rounding', fn: 'INVOICETAX', args: [[[100]], [[10]], 'banker'], expected: { error: 'rounding' } },
  // 法人番号 7000012050002: check digit 7 = 9 − (Σ weighted digits mod 9)
  { title: '登録番号 valid', fn: 'TNUMBER', args: ['T7000012050002'], expected: true },
  { title: '登録番号 full-width with hyphens', fn: 'TNUMBER', args: ['Ｔ７０００－０１２０５－０００２'], expected: true },
  { title: '登録番号 bad check digit', fn: 'TNUMBER', args: ['T8000012050002'], expected: false },
  { title: '登録番号 without T', fn: 'TNUMBER', args: ['7000012050002'], expected: false },
  // 振込名義 ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ → ヤマダシヨウジ = 得意先カナ; 110,000 − 109,560 = 440 yen fee (当方負担);
  // the 220 yen withdrawal is not matched; 330,000 pays INV-2 exactly. Serials: 46142 = 2026-04-30, 46174 = 2026-06-01.
  {
    title: '入金消込 name+fee and name+exact',
    fn: 'RECONCILE',
    args: [
      [
        ['日付', '入金', '出金', '振込依頼人名'],
        [46_174, 109_560, '', 'ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'],
        [46_175, '', 220, 'ﾃｽｳﾘﾖｳ'],
        [46_176, 330_000, '', 'ﾀﾏﾎ-ﾑ(ｶ'],
      ],
      [
        ['請求書番号', '得意先コード', '得意先名', '得意先カナ', '請求日', '支払期限', '請求残高', '手数料負担'],
        ['INV-1', 'C1', '株式会社山田商事', 'ヤマダショウジ', 46_142, 46_173, 110_000, '当方'],
        ['INV-2', 'C2', 'タマホーム株式会社', 'タマホーム', '2026-04-30', '2026-05-31', 330_000, ''],
      ],
      null,
    ],
    expected: [
      [
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
      ],
      [
        1,
        '2026-06-01',
        109_560,
        'ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ',
        'ヤマダシヨウジ',
        'auto',
        'name+fee',
        'C1',
        'INV-1',
        440,
        0,
        '',
        0.92,
        '振込名義が得意先カナと一致、振込手数料440円を差し引いた金額と一致（当方負担）',
      ],
      [
        3,
        '2026-06-03',
        330_000,
        'ﾀﾏﾎ-ﾑ(ｶ',
        'タマホム',
        'auto',
        'name+exact',
        'C2',
        'INV-2',
        0,
        0,
        '',
        0.95,
        '振込名義が得意先カナと一致、請求残高と金額一致',
      ],
    ],
  },
  {
    title: '入金消込 a fraction of a yen',
    fn: 'RECONCILE',
    args: [
      [
        ['date', 'amount', 'payer'],
        ['2026-06-01', '12.5', 'X'],
      ],
      [
        ['請求書番号', '得意先コード', '得意先カナ', '請求日', '支払期限', '請求残高'],
        ['INV-1', 'C1', 'ヤマダショウジ', '2026-04-30', '2026-05-31', 110_000],
      ],
      null,
    ],
    expected: { error: 'amount' },
  },
  {
    title: '入金消込 unknown option',
    fn: 'RECONCILE',
    args: [
      [['date', 'amount', 'payer']],
      [['請求書番号', '得意先コード', '得意先カナ', '請求日', '支払期限', '請求残高']],
      [['threshold', 2]],
    ],
    expected: { error: 'options' },
  },
  { title: '振込名義キー', fn: 'KANA', args: ['ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'], expected: 'ヤマダシヨウジ' },
  { title: '得意先カナも同じキー', fn: 'KANA', args: ['ヤマダショウジ'], expected: 'ヤマダシヨウジ' },
  { title: '空欄', fn: 'KANA', args: [''], expected: '' },
];
