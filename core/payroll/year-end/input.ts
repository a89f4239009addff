/**
 * The input files of `urakata nencho`: the declarations (one row per employee: 扶養控除等申告書,
 * 保険料控除申告書, 基礎控除申告書 …, and a mid-year joiner's previous employer) and, for a year run
 * elsewhere, the year's totals. English snake_case headers or the Japanese names beside them.
 */
import { bad, Column, integer, nonNegativeYen, ok, parseYen, shortText, text, yesNo } from '../../csv/columns.js';
import type { RowOf } from '../../csv/table.js';
import type { Yen } from '../../money/yen.js';
import type { NamedPerson, YearEndDeclaration } from './compute.js';

const count = (...aliases: string[]) =>
  integer(...aliases)
    .check((n) => (n < 0 || n > 99 ? bad('0〜99の人数で入力してください', 'must be a number of people from 0 to 99') : ok(n)))
    .withDefault(0);
const amount = (...aliases: string[]) => nonNegativeYen(...aliases).withDefault(0);
const flag = (...aliases: string[]) => yesNo(...aliases).withDefault(false);

/** `;`-separated 合計所得金額 of each 特定親族: `1,000,000; 900000`. */
function incomes(...aliases: string[]): Column<Yen[]> {
  return new Column<Yen[]>(aliases, (raw) => {
    const values: Yen[] = [];
    for (const part of raw.split(/[;；]/)) {
      if (part.trim() === '') continue;
      const r = parseYen(part);
      if (!r.ok) return r;
      if (r.value < 0) return bad('負の金額は使えません', 'amount must not be negative');
      values.push(r.value);
    }
    return ok(values);
  }).withDefault([]);
}

/** Longest name printed on the 源泉徴収票 (a name's box has a fixed size). */
const NAME_MAX = 40;

/**
 * `;`-separated names (氏名, or their フリガナ) in the order of the form's rows: `山田 一郎; 山田 ハル`.
 * @example names('dependant_names').parse('山田 一郎；山田 ハル') // ok(['山田 一郎', '山田 ハル'])
 */
function names(...aliases: string[]): Column<string[]> {
  return new Column<string[]>(aliases, (raw) => {
    const list = raw
      .split(/[;；]/)
      .map((n) => n.trim())
      .filter((n) => n !== '');
    if (list.length > 99) return bad('99人までです', 'at most 99 names');
    const long = list.find((n) => [...n].length > NAME_MAX);
    if (long !== undefined) return bad(`氏名は${NAME_MAX}文字以内で入力してください`, `a name must be at most ${NAME_MAX} characters`);
    return ok(list);
  }).withDefault([]);
}

export const declarationsSchema = {
  employee_id: text('employee_id', '社員番号'),
  spouse_income: nonNegativeYen('spouse_income', '配偶者の合計所得', '配偶者の合計所得金額').asOptional(),
  spouse_name: shortText(NAME_MAX, 'spouse_name', '配偶者の氏名').asOptional(),
  spouse_kana: shortText(NAME_MAX, 'spouse_kana', '配偶者のフリガナ').asOptional(),
  dependant_names: names('dependant_names', '控除対象扶養親族の氏名'),
  dependant_kanas: names('dependant_kanas', '控除対象扶養親族のフリガナ'),
  under_16_names: names('under_16_names', '16歳未満の扶養親族の氏名'),
  under_16_kanas: names('under_16_kanas', '16歳未満の扶養親族のフリガナ'),
  spouse_age_70: flag('spouse_age_70', '配偶者70歳以上', '老人控除対象配偶者'),
  dependants_general: count('dependants_general', '一般扶養', '一般の控除対象扶養親族'),
  dependants_specified: count('dependants_specified', '特定扶養', '特定扶養親族'),
  dependants_elderly: count('dependants_elderly', '老人扶養', '老人扶養親族'),
  dependants_elderly_cohabiting: count('dependants_elderly_cohabiting', '同居老親等'),
  dependants_under_16: count('dependants_under_16', '年少扶養', '16歳未満の扶養親族'),
  dependants_under_23: count('dependants_under_23', '23歳未満扶養', '23歳未満の扶養親族'),
  specified_relative_incomes: incomes('specified_relative_incomes', '特定親族の合計所得', '特定親族の合計所得金額'),
  disabled_general: count('disabled_general', '障害者', '一般の障害者'),
  disabled_special: count('disabled_special', '特別障害者'),
  disabled_special_cohabiting: count('disabled_special_cohabiting', '同居特別障害者'),
  self_special_disabled: flag('self_special_disabled', '本人が特別障害者'),
  self_disabled: flag('self_disabled', '本人が障害者', '本人が一般の障害者'),
  widow: flag('widow', '寡婦'),
  single_parent: flag('single_parent', 'ひとり親'),
  working_student: flag('working_student', '勤労学生'),
  life_new_general: amount('life_new_general', '一般の生命保険料（新）', '新生命保険料'),
  life_old_general: amount('life_old_general', '一般の生命保険料（旧）', '旧生命保険料'),
  life_care_medical: amount('life_care_medical', '介護医療保険料'),
  life_new_pension: amount('life_new_pension', '個人年金保険料（新）', '新個人年金保険料'),
  life_old_pension: amount('life_old_pension', '個人年金保険料（旧）', '旧個人年金保険料'),
  earthquake: amount('earthquake', '地震保険料'),
  earthquake_old_long_term: amount('earthquake_old_long_term', '旧長期損害保険料'),
  social_insurance_declared: amount('social_insurance_declared', '申告による社会保険料', '国民年金保険料等'),
  small_business_mutual_aid: amount('small_business_mutual_aid', '小規模企業共済等掛金'),
  housing_loan_credit: amount('housing_loan_credit', '住宅借入金等特別控除額'),
  other_income: amount('other_income', '給与所得以外の所得', '給与所得以外の合計所得'),
  prev_pay: amount('prev_pay', '前職の支払金額'),
  prev_withheld_tax: amount('prev_withheld_tax', '前職の源泉徴収税額'),
  prev_social_insurance: amount('prev_social_insurance', '前職の社会保険料'),
};

export type DeclarationRow = RowOf<typeof declarationsSchema>;

export const totalsSchema = {
  employee_id: text('employee_id', '社員番号'),
  total_pay: nonNegativeYen('total_pay', '支払金額'),
  withheld_tax: nonNegativeYen('withheld_tax', '源泉徴収税額'),
  social_insurance: nonNegativeYen('social_insurance', '社会保険料'),
};

export type TotalsRow = RowOf<typeof totalsSchema>;

/** A declarations row as the engine's declaration. */
/** Names with their フリガナ, in order ('' where none is given). */
function persons(names: readonly string[], kanas: readonly string[]): NamedPerson[] {
  return names.map((name, i) => ({ name, kana: kanas[i] ?? '' }));
}

export function toDeclaration(r: DeclarationRow): YearEndDeclaration {
  return {
    ...(r.spouse_income === undefined ? {} : { spouseIncome: r.spouse_income }),
    ...(r.spouse_name ? { spouse: { name: r.spouse_name, kana: r.spouse_kana ?? '' } } : {}),
    dependants: persons(r.dependant_names, r.dependant_kanas),
    under16: persons(r.under_16_names, r.under_16_kanas),
    spouseAge70: r.spouse_age_70,
    dependantsGeneral: r.dependants_general,
    dependantsSpecified: r.dependants_specified,
    dependantsElderly: r.dependants_elderly,
    dependantsElderlyCohabiting: r.dependants_elderly_cohabiting,
    dependantsUnder16: r.dependants_under_16,
    dependantsUnder23: r.dependants_under_23,
    specifiedRelativeIncomes: r.specified_relative_incomes,
    disabledGeneral: r.disabled_general,
    disabledSpecial: r.disabled_special,
    disabledSpecialCohabiting: r.disabled_special_cohabiting,
    selfSpecialDisabled: r.self_special_disabled,
    selfDisabled: r.self_disabled,
    widow: r.widow,
    singleParent: r.single_parent,
    workingStudent: r.working_student,
    lifeNewGeneral: r.life_new_general,
    lifeOldGeneral: r.life_old_general,
    lifeCareMedical: r.life_care_medical,
    lifeNewPension: r.life_new_pension,
    lifeOldPension: r.life_old_pension,
    earthquake: r.earthquake,
    earthquakeOldLongTerm: r.earthquake_old_long_term,
    socialInsuranceDeclared: r.social_insurance_declared,
    smallBusinessMutualAid: r.small_business_mutual_aid,
    housingLoanCredit: r.housing_loan_credit,
    otherIncome: r.other_income,
    prevPay: r.prev_pay,
    prevWithheldTax: r.prev_withheld_tax,
    prevSocialInsurance: r.prev_social_insurance,
  };
}

/** Checks across one declaration's cells: [column, value, ja, en] for each fault. */
export function declarationFaults(r: DeclarationRow, specifiedRelativeFrom: Yen): [keyof DeclarationRow, string, string, string][] {
  const faults: [keyof DeclarationRow, string, string, string][] = [];
  if (r.spouse_age_70 && r.spouse_income === undefined) {
    faults.push([
      'spouse_age_70',
      'yes',
      '配偶者の合計所得が空です（配偶者がいれば0以上の金額を入力）',
      'spouse_income is empty (give 0 or more for a spouse)',
    ]);
  }
  if (r.spouse_name && r.spouse_income === undefined) {
    faults.push([
      'spouse_name',
      r.spouse_name,
      '配偶者の氏名がありますが、配偶者の合計所得が空です（配偶者がいれば0以上の金額を入力）',
      'a spouse is named but spouse_income is empty (give 0 or more for a spouse)',
    ]);
  }
  if (r.spouse_kana && !r.spouse_name) {
    faults.push(['spouse_kana', r.spouse_kana, '配偶者のフリガナがありますが、氏名が空です', 'a spouse_kana without spouse_name']);
  }
  // Names, when given, are of those counted: the slip lists whom the deduction was for.
  const dependants = r.dependants_general + r.dependants_specified + r.dependants_elderly + r.dependants_elderly_cohabiting;
  const lists: [keyof DeclarationRow, keyof DeclarationRow, readonly string[], readonly string[], number, string, string][] = [
    ['dependant_names', 'dependant_kanas', r.dependant_names, r.dependant_kanas, dependants, '控除対象扶養親族', 'dependants'],
    [
      'under_16_names',
      'under_16_kanas',
      r.under_16_names,
      r.under_16_kanas,
      r.dependants_under_16,
      '16歳未満の扶養親族',
      'dependants under 16',
    ],
  ];
  for (const [namesColumn, kanasColumn, list, kanas, counted, ja, en] of lists) {
    if (list.length > 0 && list.length !== counted) {
      faults.push([
        namesColumn,
        list.join('; '),
        `氏名が${list.length}人ですが、${ja}の数は${counted}人です`,
        `${list.length} names, while the ${en} counted are ${counted}`,
      ]);
    } else if (kanas.length > 0 && kanas.length !== list.length) {
      faults.push([
        kanasColumn,
        kanas.join('; '),
        `フリガナが${kanas.length}人分ですが、氏名は${list.length}人です`,
        `${kanas.length} readings for ${list.length} names`,
      ]);
    }
  }
  if (r.widow && r.single_parent) {
    faults.push(['single_parent', 'yes', '寡婦控除とひとり親控除は併用できません', 'widow and single parent cannot both apply']);
  }
  if (r.self_special_disabled && r.disabled_special < 1) {
    faults.push([
      'disabled_special',
      String(r.disabled_special),
      '本人が特別障害者なら特別障害者の人数に本人を含めてください',
      'the employee is a special disabled person: count them in disabled_special',
    ]);
  }
  if (r.self_disabled && r.self_special_disabled) {
    faults.push([
      'self_disabled',
      'yes',
      '本人は特別障害者か一般の障害者のどちらかです（特別障害者なら self_special_disabled だけ）',
      'the employee is either a special disabled person or a disabled person: give self_special_disabled alone for the former',
    ]);
  } else if (r.self_disabled && r.disabled_general < 1) {
    faults.push([
      'disabled_general',
      String(r.disabled_general),
      '本人が障害者なら障害者の人数に本人を含めてください',
      'the employee is a disabled person: count them in disabled_general',
    ]);
  }
  for (const income of r.specified_relative_incomes) {
    if (income <= specifiedRelativeFrom) {
      faults.push([
        'specified_relative_incomes',
        String(income),
        `合計所得${specifiedRelativeFrom.toLocaleString('en-US')}円以下の19〜22歳は特定扶養親族です（dependants_specified に数えてください）`,
        `a relative aged 19–22 with income of ${specifiedRelativeFrom.toLocaleString('en-US')} or less is a specified dependant: count them in dependants_specified`,
      ]);
    }
  }
  return faults;
}
