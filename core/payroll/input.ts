/**
 * The CSV input contract (issue 3 §3): English snake_case headers, or the Japanese names beside
 * them. Every cell is checked here; rules that need two cells (乙 with dependants, overtime
 * without scheduled hours) are checked where the rows meet, in `run.ts`.
 */
import { bad, Column, date, decimal, hours, integer, nonNegativeYen, ok, oneOf, text } from '../csv/columns.js';
import type { RowOf } from '../csv/table.js';
import { rate, type Rate } from '../money/rate.js';
import { parsePrefecture, PREFECTURES } from './prefectures.js';
import { INDUSTRY_NAMES } from './rates/employment.js';
import { isHealthStandard } from './standard-remuneration.js';

const ZERO_HOURS: Rate = rate(0, 1);

function prefecture(...aliases: string[]): Column<number> {
  return new Column(aliases, (raw) => {
    const code = parsePrefecture(raw);
    return code === undefined
      ? bad(
          '都道府県が分かりません（例: 東京都, 東京, 13）',
          `unknown prefecture (e.g. 東京都, 東京, 13; one of ${PREFECTURES.length} prefectures)`,
        )
      : ok(code);
  });
}

/** Hours worked: 12.5 or 12:30 (a cell formatted [h]:mm), never negative. */
function nonNegativeHours(...aliases: string[]): Column<Rate> {
  return hours(...aliases).check((r) => (r.num < 0 ? bad('負の値は使えません', 'must not be negative') : ok(r)));
}

/**
 * A 健康保険 一般保険料率 in percent such as 9.85 → the exact rate 9.85 %. The law allows 3 % to
 * 13 % (健康保険法160条1項・13項: 1000分の30から1000分の130), so 0.0985 — the fraction a cell
 * formatted as % holds — is refused rather than read as 0.0985 %.
 */
function percentColumn(...aliases: string[]): Column<Rate> {
  return decimal(...aliases).check((r) =>
    r.num < 3 * r.den || r.num > 13 * r.den
      ? bad(
          '健康保険料率は%で3〜13の範囲です（例: 9.85。0.0985のような小数ではなく%の数値で）',
          'the health insurance rate is a percentage from 3 to 13 (e.g. 9.85, not the fraction 0.0985)',
        )
      : ok(rate(r.num, r.den * 100)),
  );
}

function digits(length: number, ...aliases: string[]): Column<string> {
  return new Column(aliases, (raw) => {
    const t = raw.normalize('NFKC').trim();
    if (!/^\d+$/.test(t) || t.length > length) return bad(`${length}桁以内の数字で入力してください`, `must be up to ${length} digits`);
    return ok(t.padStart(length, '0'));
  });
}

export const TAX_COLUMNS = { 甲: 'kou', 乙: 'otsu', kou: 'kou', otsu: 'otsu' } as const;

export const ACCOUNT_TYPES = { 普通: 1, 当座: 2, ordinary: 1, current: 2, '1': 1, '2': 2 } as const;

export const employeesSchema = {
  employee_id: text('employee_id', '社員番号'),
  name: text('name', '氏名'),
  name_kana: text('name_kana', 'フリガナ').asOptional(),
  birth_date: date('birth_date', '生年月日'),
  prefecture: prefecture('prefecture', '都道府県'),
  monthly_salary: nonNegativeYen('monthly_salary', '基本給'),
  fixed_allowances: nonNegativeYen('fixed_allowances', '固定手当').withDefault(0),
  excluded_allowances: nonNegativeYen('excluded_allowances', '除外手当').withDefault(0),
  commute_allowance: nonNegativeYen('commute_allowance', '通勤手当').withDefault(0),
  standard_monthly: nonNegativeYen('standard_monthly', '標準報酬月額')
    .check((v) => (isHealthStandard(v) ? ok(v) : bad('標準報酬月額の等級表にない金額です', 'not a standard monthly remuneration grade')))
    .asOptional(),
  dependents: integer('dependents', '扶養親族等の数').check((n) =>
    n < 0 || n > 99 ? bad('0〜99の整数で入力してください', 'must be a whole number from 0 to 99') : ok(n),
  ),
  tax_column: oneOf(TAX_COLUMNS, 'tax_column', '税額表'),
  resident_tax: nonNegativeYen('resident_tax', '住民税').withDefault(0),
  employment_insurance: oneOf(INDUSTRY_NAMES, 'employment_insurance', '雇用保険').withDefault('general'),
  health_rate: percentColumn('health_rate', '健康保険料率').asOptional(),
  scheduled_hours: hours('scheduled_hours', '月平均所定労働時間')
    .check((r) => (r.num <= 0 ? bad('0より大きい時間を入力してください', 'must be more than 0 hours') : ok(r)))
    .asOptional(),
  bank_code: digits(4, 'bank_code', '銀行コード').asOptional(),
  branch_code: digits(3, 'branch_code', '支店コード').asOptional(),
  account_type: oneOf(ACCOUNT_TYPES, 'account_type', '預金種目').asOptional(),
  account_number: digits(7, 'account_number', '口座番号').asOptional(),
  account_holder: text('account_holder', '口座名義カナ').asOptional(),
  address: text('address', '住所').asOptional(),
  municipality: text('municipality', '住民税の提出先市区町村', '市区町村').asOptional(),
  /** 退職日: an employee who left before December is not adjusted at year end (年末調整). */
  left_on: date('left_on', '退職日').asOptional(),
  /** 入社日: one in the year is the 源泉徴収票's 中途就職. */
  joined_on: date('joined_on', '入社日', '就職日').asOptional(),
};

export const attendanceSchema = {
  employee_id: text('employee_id', '社員番号'),
  overtime_hours: nonNegativeHours('overtime_hours', '時間外').withDefault(ZERO_HOURS),
  late_night_hours: nonNegativeHours('late_night_hours', '深夜').withDefault(ZERO_HOURS),
  holiday_hours: nonNegativeHours('holiday_hours', '法定休日').withDefault(ZERO_HOURS),
  other_pay: nonNegativeYen('other_pay', 'その他支給').withDefault(0),
  other_deduction: nonNegativeYen('other_deduction', 'その他控除').withDefault(0),
};

export const bonusesSchema = {
  employee_id: text('employee_id', '社員番号'),
  bonus: nonNegativeYen('bonus', '賞与額'),
  previous_taxable: nonNegativeYen('previous_taxable', '前月の社会保険料等控除後の給与'),
  bonus_to_date: nonNegativeYen('bonus_to_date', '今年度の標準賞与額累計').withDefault(0),
  /** 賞与の計算期間: over 6 months, the tax for a bonus outside the 算出率の表 is worked out ÷ 12 (× 12), not ÷ 6. */
  period_months: integer('period_months', '賞与の計算期間（月数）')
    .check((n) => (n >= 1 && n <= 12 ? ok(n) : bad('1〜12の月数で入力してください', 'must be a number of months from 1 to 12')))
    .withDefault(6),
  /** 標準賞与額 of bonuses already paid this month: 厚生年金's 1,500,000 cap is per month, not per bonus. */
  pension_bonus_this_month: nonNegativeYen('pension_bonus_this_month', '同月の既支給標準賞与額').withDefault(0),
};

export type Employee = RowOf<typeof employeesSchema>;
export type Attendance = RowOf<typeof attendanceSchema>;
export type BonusLine = RowOf<typeof bonusesSchema>;

/** An attendance line with no hours and no extras, for employees missing from the attendance file. */
export const NO_ATTENDANCE: Omit<Attendance, 'employee_id'> = {
  overtime_hours: ZERO_HOURS,
  late_night_hours: ZERO_HOURS,
  holiday_hours: ZERO_HOURS,
  other_pay: 0,
  other_deduction: 0,
};
