/**
 * The user-facing description of every spreadsheet function of design §3.1: names, help text
 * (Japanese first, English alongside), parameters in call order, and the shape of the result.
 * Excel's `functions.json` (URA.*) and the Apps Script wrappers (URA_*) are both generated from
 * this list, so the two hosts show the same help. No function logic lives here.
 *
 * Descriptions never contain an at-sign: custom-functions-metadata reads a JSDoc tag there and
 * cuts the text.
 */

/** What a cell argument holds. Every kind also accepts text the core converts (「¥12,345」, 「令和8年5月25日」). */
export type ParamKind = 'number' | 'string' | 'date' | 'range';

/**
 * The shape of a result.
 * - `scalar`: one value.
 * - `row`: one row of several values (1×n).
 * - `table`: a spilled table with a header row.
 * - `column-for-range`: one value, or a column of values when the first argument is a one-column range.
 */
export type ResultKind = 'scalar' | 'row' | 'table' | 'column-for-range';

export interface FunctionParam {
  /** snake_case, as in design §3.1 and the core function's own parameter. */
  readonly name: string;
  readonly ja: string;
  readonly en: string;
  readonly kind: ParamKind;
  readonly optional: boolean;
  /** A scalar argument that may also be a one-column range (row by row with the first argument). */
  readonly rangeAllowed?: boolean;
}

export interface FunctionSpec {
  /** Upper case; Excel shows URA.NAME, Sheets URA_NAME. */
  readonly name: string;
  readonly ja: string;
  readonly en: string;
  readonly params: readonly FunctionParam[];
  readonly result: {
    readonly kind: ResultKind;
    /** Type of each value in the result. */
    readonly type: 'number' | 'string' | 'boolean' | 'any';
    readonly ja: string;
    readonly en: string;
  };
  /** A call a user can type, with the value it gives. */
  readonly example: string;
}

const p = (
  name: string,
  kind: ParamKind,
  ja: string,
  en: string,
  extra: { optional?: boolean; rangeAllowed?: boolean } = {},
): FunctionParam => ({
  name,
  kind,
  ja,
  en,
  optional: extra.optional ?? false,
  ...(extra.rangeAllowed ? { rangeAllowed: true } : {}),
});
const opt = { optional: true } as const;

/**
 * Every function, in the order of design §3.1.
 * @example FUNCTION_CATALOG.map((f) => f.name) // ['WITHHOLDING', 'BONUSWITHHOLDING', …, 'TNUMBER']
 */
export const FUNCTION_CATALOG: readonly FunctionSpec[] = [
  {
    name: 'WITHHOLDING',
    ja: '給与の源泉所得税（月額表の甲欄・乙欄、または電算機計算の特例）。支払日の年分の税額表を使います。金額に1列の範囲を渡すと行ごとの税額を1列で返します。',
    en: 'Income tax withheld from monthly pay (monthly table 甲/乙 or the computer method), with the tables of the pay date. A one-column range of pay gives a column of taxes.',
    params: [
      p(
        'taxable',
        'number',
        '社会保険料等控除後の給与等の金額（1列の範囲も可）',
        'pay after social insurance (a one-column range allowed)',
        {
          rangeAllowed: true,
        },
      ),
      p('dependents', 'number', '扶養親族等の数（乙欄は0）', 'number of dependants (0 for 乙)', { rangeAllowed: true }),
      p('column', 'string', '「甲」または「乙」（省略時は甲）', '"甲" or "乙" (default 甲)', { optional: true, rangeAllowed: true }),
      p('pay_date', 'date', '支払日（省略時は今日、日本時間）', 'pay date (default today in Tokyo)', opt),
      p(
        'method',
        'string',
        '「table」月額表 または「computer」電算機計算の特例（省略時は table）',
        '"table" or "computer" (default table)',
        opt,
      ),
    ],
    result: { kind: 'column-for-range', type: 'number', ja: '源泉所得税（円）', en: 'income tax withheld, yen' },
    example: 'WITHHOLDING(175000, 2, "甲", "2026-05-25") → 250',
  },
  {
    name: 'BONUSWITHHOLDING',
    ja: '賞与の源泉所得税（賞与に対する源泉徴収税額の算出率の表）。前月の給与がないときや賞与が前月の給与の10倍を超えるときは月額表による特例で計算します。',
    en: 'Income tax withheld from a bonus (bonus rate table), with the monthly-table exceptions when there was no pay last month or the bonus exceeds ten times it.',
    params: [
      p('bonus_after_si', 'number', '社会保険料等控除後の賞与の金額', 'bonus after its social insurance'),
      p(
        'previous_month_after_si',
        'number',
        '前月の社会保険料等控除後の給与等の金額（前月の給与がなければ0）',
        "last month's pay after social insurance (0 if none)",
      ),
      p('dependents', 'number', '扶養親族等の数（乙欄は0）', 'number of dependants (0 for 乙)'),
      p('column', 'string', '「甲」または「乙」（省略時は甲）', '"甲" or "乙" (default 甲)', opt),
      p('pay_date', 'date', '支払日（省略時は今日、日本時間）', 'pay date (default today in Tokyo)', opt),
    ],
    result: { kind: 'scalar', type: 'number', ja: '賞与の源泉所得税（円）', en: 'income tax withheld from the bonus, yen' },
    example: 'BONUSWITHHOLDING(500000, 300000, 2, "甲", "2026-07-10") → 20420',
  },
  {
    name: 'STANDARDMONTHLY',
    ja: '標準報酬月額。報酬月額（通勤手当を含む）から健康保険（50等級）または厚生年金（32等級）の標準報酬月額を求めます。',
    en: 'Standard monthly remuneration: the health-insurance (50 grades) or pension (32 grades) grade of a monthly remuneration.',
    params: [
      p('remuneration', 'number', '報酬月額（円、通勤手当を含む）', 'monthly remuneration incl. commuting allowance'),
      p('kind', 'string', '「health」健康保険 または「pension」厚生年金（省略時は health）', '"health" or "pension" (default health)', opt),
      p('date', 'date', '適用する月の日付（省略時は今日）', 'a date in the month it applies to (default today)', opt),
    ],
    result: { kind: 'scalar', type: 'number', ja: '標準報酬月額（円）', en: 'standard monthly remuneration, yen' },
    example: 'STANDARDMONTHLY(300000, "pension", "2026-05-01") → 300000',
  },
  {
    name: 'SOCIALINSURANCE',
    ja: '社会保険料の被保険者負担分を1行4列で返します: 健康保険料（40〜64歳は介護保険料を含む）、子ども・子育て支援金、厚生年金保険料、事業主負担の合計。協会けんぽの都道府県別料率です。',
    en: "Employee social-insurance premiums as one row of four: health (incl. long-term care at 40–64), child-support levy, pension, and the employer's total. 協会けんぽ rates by prefecture.",
    params: [
      p('standard_monthly', 'number', '標準報酬月額（円）', 'standard monthly remuneration, yen'),
      p('prefecture', 'string', '都道府県（東京都・東京・13）', 'prefecture (name or code 01–47)'),
      p('age_or_birth_date', 'date', '年齢、または生年月日', 'age, or date of birth'),
      p('insurance_month', 'date', '保険料の月（例: 2026-04。省略時は今月）', 'insurance month, e.g. 2026-04 (default this month)', opt),
    ],
    result: {
      kind: 'row',
      type: 'number',
      ja: '健康保険, 支援金, 厚生年金, 事業主負担計',
      en: 'health, child support, pension, employer total',
    },
    example: 'SOCIALINSURANCE(300000, "東京都", 45, "2026-04") → 17205 | 345 | 27450 | 46080',
  },
  {
    name: 'EMPLOYMENTINSURANCE',
    ja: '雇用保険料の被保険者負担分。賃金締切日の年度の料率を賃金総額にかけます（50銭以下切捨て）。',
    en: "The worker's employment-insurance premium: the rate of the fiscal year of the wage closing date times the wages (50 sen or less rounded down).",
    params: [
      p('wage', 'number', '賃金総額（円、通勤手当・賞与を含む）', 'wages paid, incl. commuting allowance'),
      p('industry', 'string', '「一般」「農林水産」「建設」（省略時は一般）', 'industry: 一般, 農林水産 or 建設 (default 一般)', opt),
      p('closing_date', 'date', '賃金締切日（省略時は今日）', 'wage closing date (default today)', opt),
    ],
    result: { kind: 'scalar', type: 'number', ja: '雇用保険料（円）', en: "worker's employment insurance, yen" },
    example: 'EMPLOYMENTINSURANCE(300102, "一般", "2026-04-30") → 1501',
  },
  {
    name: 'OVERTIMEPAY',
    ja: '割増賃金（時間外25%、月60時間超50%、法定休日35%、深夜は25%加算）。区分ごとに50銭未満切捨て・50銭以上切上げ（基発第150号）。',
    en: 'Premium pay for overtime (25%, 50% beyond 60 h a month), legal holidays (35%) and late night (+25%), each rounded to the yen by 基発第150号.',
    params: [
      p('monthly_base', 'number', '割増の基礎となる月額（家族・通勤・住宅手当等を除く）', 'monthly base for the premium'),
      p('scheduled_hours', 'number', '月平均所定労働時間', 'average monthly scheduled hours'),
      p('overtime_hours', 'number', '時間外労働の時間（60時間超の分を含む合計）', 'all overtime hours of the month'),
      p('over60_hours', 'number', 'うち60時間を超える時間（省略時は自動）', 'of which beyond 60 h (default: computed)', opt),
      p('late_night_hours', 'number', '深夜労働の時間', 'late-night hours', opt),
      p('holiday_hours', 'number', '法定休日労働の時間', 'legal-holiday hours', opt),
    ],
    result: { kind: 'scalar', type: 'number', ja: '割増賃金の合計（円）', en: 'total premium pay, yen' },
    example: 'OVERTIMEPAY(300000, 160, 10, , 10) → 28126',
  },
  {
    name: 'RESIDENTTAX',
    ja: '住民税（特別徴収）の月割額。年税額を12で割って100円未満を切り捨て、端数は6月分に加えます。',
    en: 'The monthly instalment of resident tax withheld by the employer: the annual amount over 12, below 100 yen cut, the remainder added to June.',
    params: [
      p('annual', 'number', '年税額（円）', 'annual resident tax, yen'),
      p('month', 'number', '月（6〜12、1〜5。6月が初回）', 'month (June is the first instalment)'),
    ],
    result: { kind: 'scalar', type: 'number', ja: 'その月の徴収額（円）', en: 'the instalment for that month, yen' },
    example: 'RESIDENTTAX(180300, 6) → 15300',
  },
  {
    name: 'KYUYOSHOTOKU',
    ja: '給与所得控除後の給与等の金額（源泉徴収簿の⑨）。年分の給与所得控除の表と算式によります（令和8年分は最低74万円）。支払金額に1列の範囲を渡すと行ごとの金額を1列で返します。',
    en: 'Employment income after the employment income deduction (源泉徴収簿 ⑨), by the table and formulas of the year. A one-column range of pay gives a column of results.',
    params: [
      p(
        'total_pay',
        'number',
        '支払金額（給与・賞与の年間総額。1列の範囲も可）',
        'total pay of the year, salaries and bonuses (a one-column range allowed)',
        { rangeAllowed: true },
      ),
      p(
        'year',
        'number',
        '年分（西暦。省略時は今年、1月は前年。日本時間）',
        'year (default this year in Tokyo, last year in January)',
        opt,
      ),
    ],
    result: {
      kind: 'column-for-range',
      type: 'number',
      ja: '給与所得控除後の給与等の金額（円）',
      en: 'employment income after the deduction, yen',
    },
    example: 'KYUYOSHOTOKU(8970000, 2026) → 7020000',
  },
  {
    name: 'PAYROLL',
    ja: '給与計算。社員マスタと勤怠の範囲（1行目は見出し）から、1人1行の給与一覧を見出し行つきで返します。',
    en: 'Monthly payroll: from an employees range and an attendance range (headers in row 1), a table with one row per employee and a header row.',
    params: [
      p('employees', 'range', '社員マスタの範囲（1行目は見出し）', 'employees range with a header row'),
      p('attendance', 'range', '勤怠の範囲（1行目は見出し）', 'attendance range with a header row'),
      p('pay_date', 'date', '支給日', 'pay date'),
      p(
        'year_end',
        'range',
        '年末調整の結果の範囲（その年最後の給与で精算するとき。NENCHO の表。省略可）',
        "the year-end adjustment's result (NENCHO's table) to settle in the year's last pay (optional)",
        opt,
      ),
    ],
    result: { kind: 'table', type: 'any', ja: '給与一覧（見出し行つき）', en: 'payroll table with a header row' },
    example: 'PAYROLL(A1:P6, R1:W6, "2026-05-25")',
  },
  {
    name: 'NENCHO',
    ja: '年末調整。社員マスタ・申告書・給与の範囲（1行目は見出し）から、1人1行の年末調整の結果を見出し行つきで返します。給与は年間合計か、その年の給与一覧（PAYROLL の表、支給日の列つき）です。',
    en: "Year-end adjustment: from employees, declarations and pay ranges (headers in row 1), one result row per employee with a header row. Pay is the year's totals or the year's payroll tables (PAYROLL's, with their pay_date column).",
    params: [
      p('employees', 'range', '社員マスタの範囲（1行目は見出し）', 'employees range with a header row'),
      p(
        'declarations',
        'range',
        '申告書の範囲（扶養・保険料など。1行目は見出し）',
        'declarations range (dependants, insurance …) with a header row',
      ),
      p(
        'pay',
        'range',
        '給与の範囲: 年間合計（社員番号・支払金額・源泉徴収税額・社会保険料）または給与一覧（支給日の列つき）',
        'pay range: year totals (employee_id, total_pay, withheld_tax, social_insurance) or payroll tables with pay_date',
      ),
      p(
        'year',
        'number',
        '年分（西暦。省略時は今年、1月は前年。日本時間）',
        'year (default this year in Tokyo, last year in January)',
        opt,
      ),
    ],
    result: { kind: 'table', type: 'any', ja: '年末調整の結果（見出し行つき）', en: 'year-end adjustment table with a header row' },
    example: 'NENCHO(社員!A1:G6, 申告書!A1:L6, 年間合計!A1:D6, 2026)',
  },
  {
    name: 'RECONCILE',
    ja: '入金消込。入金明細の範囲と請求残（売掛金）の範囲（1行目は見出し）を照合し、入金1行ごとに消込結果を見出し行つきで返します。',
    en: 'Matches bank deposits to open invoices (both ranges with headers in row 1): one result row per bank line, with a header row.',
    params: [
      p('bank', 'range', '入金明細の範囲（1行目は見出し）', 'bank statement range with a header row'),
      p('open_items', 'range', '請求残の範囲（1行目は見出し）', 'open items range with a header row'),
      p('options', 'range', '設定の範囲（2列: 項目, 値。省略可）', 'settings range, two columns: name, value (optional)', opt),
    ],
    result: { kind: 'table', type: 'any', ja: '消込結果（見出し行つき）', en: 'match table with a header row' },
    example: 'RECONCILE(Bank!A1:F1001, Open!A1:E301)',
  },
  {
    name: 'KANA',
    ja: '振込依頼人名の照合キー。全角・半角、濁点、法人略語（カ）（ユ）などをそろえます。',
    en: 'The comparison key of a payer name: width, voiced marks and company abbreviations such as (カ) made uniform.',
    params: [p('text', 'string', '振込依頼人名や取引先名', 'payer or customer name')],
    result: { kind: 'scalar', type: 'string', ja: '正規化したキー', en: 'normalised key' },
    example: 'KANA("ｶ)ｳﾗｶﾀｼｮｳｼﾞ") → ウラカタシヨウジ',
  },
  {
    name: 'INVOICETAX',
    ja: '適格請求書の消費税。税率ごとに合計してから1回だけ端数処理し、税率ごとの行（税率、対象額、消費税額）を返します。',
    en: 'Consumption tax of a qualified invoice: amounts summed per rate and rounded once per rate; one row per rate (rate, base, tax).',
    params: [
      p('amounts', 'range', '明細の金額の範囲（税抜）', 'line amounts range (tax excluded)'),
      p('rates', 'range', '明細の税率の範囲（10%・8%）', 'line rates range (10% or 8%)'),
      p(
        'rounding',
        'string',
        '「floor」切捨て・「round」四捨五入・「ceil」切上げ（省略時は floor）',
        '"floor", "round" or "ceil" (default floor)',
        opt,
      ),
    ],
    result: { kind: 'table', type: 'any', ja: '税率, 対象額, 消費税額', en: 'rate, base, tax per rate' },
    example: 'INVOICETAX(C2:C20, D2:D20, "floor")',
  },
  {
    name: 'TNUMBER',
    ja: '適格請求書発行事業者の登録番号（T＋13桁）の形式と、法人番号のチェックデジットを確かめます。',
    en: 'Checks a qualified-invoice registration number: T and 13 digits, and the check digit of a corporate number.',
    params: [p('registration_number', 'string', '登録番号（例: T1234567890123）', 'registration number, e.g. T1234567890123')],
    result: { kind: 'scalar', type: 'boolean', ja: '正しければ TRUE', en: 'TRUE when valid' },
    example: 'TNUMBER("T7000012050002") → TRUE',
  },
];

/**
 * One function's entry by name.
 * @example functionSpec('KANA').params[0]?.name // 'text'
 */
export function functionSpec(name: string): FunctionSpec | undefined {
  return FUNCTION_CATALOG.find((f) => f.name === name);
}

/**
 * A description as one line, Japanese then English, the form both hosts show.
 * @example bilingual({ ja: '年税額', en: 'annual tax' }) // '年税額 / annual tax'
 */
export function bilingual(text: { readonly ja: string; readonly en: string }): string {
  return `${text.ja} / ${text.en}`;
}
