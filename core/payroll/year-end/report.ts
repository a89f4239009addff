/**
 * 給与支払報告書 (to each employee's municipality of 1 January; from the 令和8年分 filing in January
 * 2027 it also stands for the 源泉徴収票 to the tax office, みなし提出) as documented CSV tables:
 *   - `payrollReportTable`: the 個人別明細書 items, one row per employee, in `PAYROLL_REPORT_COLUMNS`
 *     (English snake_case header; Japanese names in `PAYROLL_REPORT_COLUMN_LABELS`);
 *   - `municipalitySummary`: per municipality (the employees file's `municipality`, or (未設定)), the
 *     number of employees and the totals of 支払金額 and 源泉徴収税額, as a 総括表 is prepared from.
 * The items are those of the 源泉徴収票 (`withholdingItems`, which the slip PDF prints too).
 *
 * Not here, and to be added by hand or by the filing software:
 *   - the eLTAX electronic format (record 315): its column-by-column specification was not found, and a
 *     government file format is not guessed — this CSV is data to transcribe or map, not a filing;
 *   - 個人番号 (of the employee, the spouse and the dependants) and the payer's 法人番号: no input holds them;
 *   - 提出先の市区町村コード (団体コード), and the 総括表's other items (給与の支払期間, 特別徴収・普通徴収
 *     の別 and counts, 連絡者, 受給者総人員 including those left during the year): not in the inputs;
 *   - the names of the spouse and dependants, 中途就・退職 dates, and the 住宅借入金等特別控除 breakdown
 *     (居住開始年月日, 区分, 年末残高): not in the inputs.
 * 障害者の数 is counted as on the slip (see slip.ts): 特別 without the employee, その他 as declared.
 */
import { ageOn, type IsoDate } from '../../dates/calendar.js';
import { formatWareki } from '../../dates/wareki.js';
import { formatYen, type Yen } from '../../money/yen.js';
import { type NamedPerson, specifiedRelativeDeduction, yearEndTableFor } from './compute.js';
import { YEAR_END_STATUS_LABELS } from './output.js';
import type { Payer } from './payer.js';
import type { YearEndEmployee, YearEndRunResult } from './run.js';

/**
 * What the 源泉徴収票 and the 個人別明細書 show for one employee. An item left `undefined` is blank on
 * the form: everything but 支払金額 and 源泉徴収税額 when the employee is not adjusted.
 */
export interface WithholdingItems {
  readonly adjusted: boolean;
  /** 支払金額 (the previous employer's included when declared). */
  readonly totalPay: Yen;
  /** 給与所得控除後の金額（調整控除後）: ⑨ − ⑩. */
  readonly employmentIncome?: Yen;
  /** 所得控除の額の合計額. */
  readonly totalDeductions?: Yen;
  /** 源泉徴収税額: ㉖ 年調年税額 when adjusted, else the tax withheld. */
  readonly tax: Yen;
  /** (源泉)控除対象配偶者 有 (配偶者控除 applies), and 老人. */
  readonly spouseDeductible?: boolean;
  readonly spouseElderly?: boolean;
  readonly spouseDeduction?: Yen;
  readonly dependantsSpecified?: number;
  /** 老人扶養親族, 同居老親等 included; of whom 同居. */
  readonly dependantsElderly?: number;
  readonly dependantsElderlyCohabiting?: number;
  readonly dependantsGeneral?: number;
  /** 特定親族 given a 特定親族特別控除. */
  readonly specifiedRelatives?: number;
  readonly dependantsUnder16?: number;
  /** 障害者の数（本人を除く）: 特別 (of whom 同居) and その他. */
  readonly disabledSpecial?: number;
  readonly disabledSpecialCohabiting?: number;
  readonly disabledGeneral?: number;
  /** 社会保険料等の金額 (小規模企業共済等掛金 included; of which `smallBusinessMutualAid`). */
  readonly socialInsurance?: Yen;
  readonly smallBusinessMutualAid?: Yen;
  readonly lifeInsurance?: Yen;
  readonly earthquake?: Yen;
  readonly housingLoanCredit?: Yen;
  /** 住宅借入金等特別控除可能額: only when more than what applied. */
  readonly housingLoanAvailable?: Yen;
  /** 生命保険料の金額の内訳: the premiums declared. */
  readonly lifeNewGeneral?: Yen;
  readonly lifeOldGeneral?: Yen;
  readonly lifeCareMedical?: Yen;
  readonly lifeNewPension?: Yen;
  readonly lifeOldPension?: Yen;
  /** 配偶者の合計所得: when a 配偶者（特別）控除 applies. */
  readonly spouseIncome?: Yen;
  /** 国民年金保険料等の金額 (paid directly, declared). */
  readonly nationalPension?: Yen;
  readonly earthquakeOldLongTerm?: Yen;
  readonly basic?: Yen;
  readonly incomeAdjustment?: Yen;
  readonly specifiedRelativeDeduction?: Yen;
  /** Under 18 on 31 December. */
  readonly minor: boolean;
  readonly otsu: boolean;
  readonly selfSpecialDisabled?: boolean;
  /** 本人が障害者 その他. */
  readonly selfDisabled?: boolean;
  readonly widow?: boolean;
  readonly singleParent?: boolean;
  readonly workingStudent?: boolean;
  readonly birthDate: IsoDate;
  /** 中途退職: the day the employee left, when it was in the year (the form's 中途就・退職 退職 and 年月日). */
  readonly leftOn?: IsoDate;
  /** 中途就職: the day the employee joined, when it was in the year (the form's 中途就・退職 就職 and 年月日). */
  readonly joinedOn?: IsoDate;
  /** (源泉・特別)控除対象配偶者 by name: an adjusted employee's spouse whom a deduction applied to, when named. */
  readonly spouse?: NamedPerson;
  /** 控除対象扶養親族 and 16歳未満の扶養親族 by name (adjusted, when named): the form has rows for four of each, the rest go in 摘要. */
  readonly dependants: readonly NamedPerson[];
  readonly under16: readonly NamedPerson[];
  /** 摘要: 年調未済 with the reason; 前職分. */
  readonly notes: readonly string[];
}

/** Whether a 退職日 or 入社日 falls in the year. */
function inYear(day: IsoDate | undefined, year: number): day is IsoDate {
  return day?.startsWith(`${year}-`) === true;
}

/**
 * The 源泉徴収票 items of one employee of a run.
 * @example withholdingItems(run.results[0], 2026).employmentIncome // 6973000 (NTA example: 7,020,000 − 47,000)
 */
export function withholdingItems(e: YearEndEmployee, year: number): WithholdingItems {
  const r = e.result;
  const d = e.declaration;
  const common = {
    totalPay: r.totalPay,
    minor: ageOn(e.employee.birth_date, `${year}-12-31`) < 18,
    otsu: e.employee.tax_column === 'otsu',
    birthDate: e.employee.birth_date,
    ...(inYear(e.employee.left_on, year) ? { leftOn: e.employee.left_on } : {}),
    ...(inYear(e.employee.joined_on, year) ? { joinedOn: e.employee.joined_on } : {}),
    dependants: [] as readonly NamedPerson[],
    under16: [] as readonly NamedPerson[],
  };
  const previous =
    d.prevPay > 0
      ? [
          `前職分 支払金額 ${formatYen(d.prevPay)}円 源泉徴収税額 ${formatYen(d.prevWithheldTax)}円 社会保険料 ${formatYen(d.prevSocialInsurance)}円`,
        ]
      : [];
  if (r.status === 'not_eligible') {
    return {
      ...common,
      adjusted: false,
      tax: r.withheldTax,
      // A previous employer's pay was not adjusted together with this one: no 前職分.
      notes: [`${YEAR_END_STATUS_LABELS.not_eligible}　${r.reason.ja}`],
    };
  }
  const table = yearEndTableFor(year);
  const deductible = r.spouseKind === 'deduction';
  return {
    ...common,
    adjusted: true,
    employmentIncome: r.employmentIncome - r.incomeAdjustment,
    totalDeductions: r.totalDeductions,
    tax: r.annualTax,
    spouseDeductible: deductible,
    spouseElderly: deductible && d.spouseAge70,
    spouseDeduction: r.spouse,
    dependantsSpecified: d.dependantsSpecified,
    dependantsElderly: d.dependantsElderly + d.dependantsElderlyCohabiting,
    dependantsElderlyCohabiting: d.dependantsElderlyCohabiting,
    dependantsGeneral: d.dependantsGeneral,
    specifiedRelatives: d.specifiedRelativeIncomes.filter((x) => specifiedRelativeDeduction(table, x) > 0).length,
    dependantsUnder16: d.dependantsUnder16,
    disabledSpecial: d.disabledSpecial + d.disabledSpecialCohabiting - (d.selfSpecialDisabled ? 1 : 0),
    disabledSpecialCohabiting: d.disabledSpecialCohabiting,
    disabledGeneral: d.disabledGeneral - (d.selfDisabled ? 1 : 0),
    socialInsurance: r.socialInsurance + r.smallBusinessMutualAid,
    smallBusinessMutualAid: r.smallBusinessMutualAid,
    lifeInsurance: r.life.total,
    earthquake: r.earthquake,
    housingLoanCredit: r.housingLoanCredit,
    ...(r.housingLoanAvailable > r.housingLoanCredit ? { housingLoanAvailable: r.housingLoanAvailable } : {}),
    lifeNewGeneral: d.lifeNewGeneral,
    lifeOldGeneral: d.lifeOldGeneral,
    lifeCareMedical: d.lifeCareMedical,
    lifeNewPension: d.lifeNewPension,
    lifeOldPension: d.lifeOldPension,
    ...(r.spouseKind !== 'none' && d.spouseIncome !== undefined ? { spouseIncome: d.spouseIncome } : {}),
    nationalPension: d.socialInsuranceDeclared,
    earthquakeOldLongTerm: d.earthquakeOldLongTerm,
    basic: r.basic,
    incomeAdjustment: r.incomeAdjustment,
    specifiedRelativeDeduction: r.specifiedRelative,
    selfSpecialDisabled: d.selfSpecialDisabled,
    selfDisabled: d.selfDisabled,
    // As deducted, not as declared: an income over the limit refused the deduction and the status.
    widow: r.widowDeducted,
    singleParent: r.singleParentDeducted,
    workingStudent: r.workingStudentDeducted,
    ...(r.spouseKind !== 'none' && d.spouse ? { spouse: d.spouse } : {}),
    dependants: d.dependants,
    under16: d.under16,
    notes: [...previous, ...beyondRows(d.dependants, '控除対象扶養親族'), ...beyondRows(d.under16, '16歳未満の扶養親族')],
  };
}

/** The form names four of each kind: the fifth and after are written in 摘要. */
export const NAMED_ROWS = 4;

function beyondRows(people: readonly NamedPerson[], kind: string): string[] {
  const rest = people.slice(NAMED_ROWS);
  return rest.length === 0 ? [] : [`${NAMED_ROWS + 1}人目以降の${kind}: ${rest.map((p) => p.name).join('、')}`];
}

/** The items in the report's column order, with the CSV column name and the Japanese label. */
const ITEM_COLUMNS = [
  ['total_pay', 'totalPay', '支払金額'],
  ['employment_income', 'employmentIncome', '給与所得控除後の金額（調整控除後）'],
  ['total_deductions', 'totalDeductions', '所得控除の額の合計額'],
  ['withholding_tax', 'tax', '源泉徴収税額'],
  ['spouse_deductible', 'spouseDeductible', '(源泉)控除対象配偶者の有無'],
  ['spouse_elderly', 'spouseElderly', '(源泉)控除対象配偶者 老人'],
  ['spouse_deduction', 'spouseDeduction', '配偶者（特別）控除の額'],
  ['dependants_specified', 'dependantsSpecified', '控除対象扶養親族の数 特定'],
  ['dependants_elderly', 'dependantsElderly', '控除対象扶養親族の数 老人'],
  ['dependants_elderly_cohabiting', 'dependantsElderlyCohabiting', '控除対象扶養親族の数 老人（内 同居老親等）'],
  ['dependants_general', 'dependantsGeneral', '控除対象扶養親族の数 その他'],
  ['specified_relatives', 'specifiedRelatives', '特定親族の数'],
  ['dependants_under_16', 'dependantsUnder16', '16歳未満扶養親族の数'],
  ['disabled_special', 'disabledSpecial', '障害者の数（本人を除く）特別'],
  ['disabled_special_cohabiting', 'disabledSpecialCohabiting', '障害者の数（本人を除く）特別（内 同居）'],
  ['disabled_general', 'disabledGeneral', '障害者の数（本人を除く）その他'],
  ['social_insurance', 'socialInsurance', '社会保険料等の金額'],
  ['small_business_mutual_aid', 'smallBusinessMutualAid', '社会保険料等の金額（内 小規模企業共済等掛金）'],
  ['life_insurance_deduction', 'lifeInsurance', '生命保険料の控除額'],
  ['earthquake_insurance_deduction', 'earthquake', '地震保険料の控除額'],
  ['housing_loan_credit', 'housingLoanCredit', '住宅借入金等特別控除の額'],
  ['housing_loan_available', 'housingLoanAvailable', '住宅借入金等特別控除可能額'],
  ['life_new_general', 'lifeNewGeneral', '新生命保険料の金額'],
  ['life_old_general', 'lifeOldGeneral', '旧生命保険料の金額'],
  ['life_care_medical', 'lifeCareMedical', '介護医療保険料の金額'],
  ['life_new_pension', 'lifeNewPension', '新個人年金保険料の金額'],
  ['life_old_pension', 'lifeOldPension', '旧個人年金保険料の金額'],
  ['spouse_income', 'spouseIncome', '配偶者の合計所得'],
  ['national_pension', 'nationalPension', '国民年金保険料等の金額'],
  ['earthquake_old_long_term', 'earthquakeOldLongTerm', '旧長期損害保険料の金額'],
  ['basic_deduction', 'basic', '基礎控除の額'],
  ['income_adjustment', 'incomeAdjustment', '所得金額調整控除額'],
  ['specified_relative_deduction', 'specifiedRelativeDeduction', '特定親族特別控除の額'],
  ['minor', 'minor', '未成年者'],
  ['otsu', 'otsu', '乙欄'],
  ['self_special_disabled', 'selfSpecialDisabled', '本人が障害者（特別）'],
  ['self_disabled', 'selfDisabled', '本人が障害者（その他）'],
  ['widow', 'widow', '寡婦'],
  ['single_parent', 'singleParent', 'ひとり親'],
  ['working_student', 'workingStudent', '勤労学生'],
] as const satisfies readonly (readonly [string, keyof WithholdingItems, string])[];

export const PAYROLL_REPORT_COLUMNS = [
  'municipality',
  'address',
  'employee_id',
  'name',
  'name_kana',
  'birth_date',
  'birth_date_wareki',
  ...ITEM_COLUMNS.map(([c]) => c),
  'spouse_name',
  'spouse_kana',
  'dependant_names',
  'dependant_kanas',
  'under_16_names',
  'under_16_kanas',
  'joined_on',
  'left_on',
  'note',
  'not_adjusted',
  'payer_name',
  'payer_address',
  'payer_phone',
] as const;

export type PayrollReportColumn = (typeof PAYROLL_REPORT_COLUMNS)[number];

export const PAYROLL_REPORT_COLUMN_LABELS: Readonly<Record<PayrollReportColumn, string>> = {
  municipality: '提出先市区町村（1月1日の住所地）',
  address: '住所又は居所',
  employee_id: '受給者番号（社員番号）',
  name: '氏名',
  name_kana: 'フリガナ',
  birth_date: '生年月日',
  birth_date_wareki: '生年月日（和暦）',
  ...(Object.fromEntries(ITEM_COLUMNS.map(([c, , ja]) => [c, ja])) as Record<(typeof ITEM_COLUMNS)[number][0], string>),
  spouse_name: '(源泉・特別)控除対象配偶者 氏名',
  spouse_kana: '(源泉・特別)控除対象配偶者 フリガナ',
  dependant_names: '控除対象扶養親族 氏名（; 区切り）',
  dependant_kanas: '控除対象扶養親族 フリガナ（; 区切り）',
  under_16_names: '16歳未満の扶養親族 氏名（; 区切り）',
  under_16_kanas: '16歳未満の扶養親族 フリガナ（; 区切り）',
  joined_on: '中途就職の年月日',
  left_on: '中途退職の年月日',
  note: '摘要',
  not_adjusted: '年調未済',
  payer_name: '支払者 氏名又は名称',
  payer_address: '支払者 住所（居所）又は所在地',
  payer_phone: '支払者 電話',
};

/** Names or フリガナ as the declarations list them (`; `-separated); no フリガナ given: blank. */
function listed(people: readonly NamedPerson[], part: 'name' | 'kana'): string {
  return people.every((p) => p[part] === '') ? '' : people.map((p) => p[part]).join('; ');
}

/** Where the municipality column is empty. */
export const NO_MUNICIPALITY = '(未設定)';

const cell = (v: number | boolean | undefined): string | number => (v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : v);

/**
 * 給与支払報告書（個人別明細書）items, one row per employee, header first. Counts and amounts are numbers,
 * flags yes/no, and a cell the form leaves blank is empty (all but 支払金額 and 源泉徴収税額 for an
 * employee not adjusted).
 * @example payrollReportTable(run, payer)[1][0] // '千代田区'
 */
export function payrollReportTable(run: YearEndRunResult, payer?: Payer): (string | number)[][] {
  const rows: (string | number)[][] = [[...PAYROLL_REPORT_COLUMNS]];
  for (const e of run.results) {
    const items = withholdingItems(e, run.year);
    const emp = e.employee;
    rows.push([
      emp.municipality ?? '',
      emp.address ?? '',
      emp.employee_id,
      emp.name,
      emp.name_kana ?? '',
      emp.birth_date,
      formatWareki(emp.birth_date),
      ...ITEM_COLUMNS.map(([, key]) => cell(items[key])),
      items.spouse?.name ?? '',
      items.spouse?.kana ?? '',
      listed(items.dependants, 'name'),
      listed(items.dependants, 'kana'),
      listed(items.under16, 'name'),
      listed(items.under16, 'kana'),
      items.joinedOn ?? '',
      items.leftOn ?? '',
      items.notes.join(' / '),
      cell(!items.adjusted),
      payer?.name ?? '',
      payer?.address ?? '',
      payer?.phone ?? '',
    ]);
  }
  return rows;
}

export const MUNICIPALITY_SUMMARY_COLUMNS = ['municipality', 'employees', 'total_pay', 'withholding_tax'] as const;

export const MUNICIPALITY_SUMMARY_COLUMN_LABELS: Readonly<Record<(typeof MUNICIPALITY_SUMMARY_COLUMNS)[number], string>> = {
  municipality: '提出先市区町村',
  employees: '報告人員',
  total_pay: '支払金額の合計',
  withholding_tax: '源泉徴収税額の合計',
};

/**
 * Per municipality, in the order first met ((未設定) last), the employees reported and their totals of
 * 支払金額 and 源泉徴収税額 (as on the slips); a last row 合計 over all.
 * @example municipalitySummary(run)[1] // ['千代田区', 1, 8970000, 41400]
 */
export function municipalitySummary(run: YearEndRunResult): (string | number)[][] {
  const groups = new Map<string, { employees: number; pay: Yen; tax: Yen }>();
  const all = { employees: 0, pay: 0, tax: 0 };
  for (const e of run.results) {
    const items = withholdingItems(e, run.year);
    const key = e.employee.municipality || NO_MUNICIPALITY;
    const g = groups.get(key) ?? { employees: 0, pay: 0, tax: 0 };
    for (const t of [g, all]) {
      t.employees += 1;
      t.pay += items.totalPay;
      t.tax += items.tax;
    }
    groups.set(key, g);
  }
  const unset = groups.get(NO_MUNICIPALITY);
  groups.delete(NO_MUNICIPALITY);
  if (unset) groups.set(NO_MUNICIPALITY, unset);
  return [
    [...MUNICIPALITY_SUMMARY_COLUMNS],
    ...[...groups].map(([m, g]) => [m, g.employees, g.pay, g.tax]),
    ['合計', all.employees, all.pay, all.tax],
  ];
}
