/**
 * 年末調整 for one employee, in the order of the 源泉徴収簿 columns ⑨–㉗ (国税庁「年末調整のしかた」):
 * ⑨ 給与所得控除後の給与等の金額 → ⑩ 所得金額調整控除 → each 所得控除 → ㉒ 課税給与所得金額
 * (1,000円未満切捨て) → ㉓ 算出所得税額 → ㉔ 住宅借入金等特別控除 → ㉕ 年調所得税額 → ㉖ 年調年税額
 * (×102.1 %, 100円未満切捨て) → ㉗ 差引超過額又は不足額. Every figure comes from the year's table.
 */
import type { IsoDate } from '../../dates/calendar.js';
import { argumentError } from '../../errors.js';
import { ceil, floor, floorTo100, floorTo1000 } from '../../money/rounding.js';
import { divideYen, roundYen } from '../../money/rate.js';
import type { Yen } from '../../money/yen.js';
import type { TaxColumn } from '../withholding/types.js';
import { type Ladder, type LifeStep, YEAR_END_TABLES, type YearEndTable } from './tables.js';

/** What the employee declared (扶養控除等申告書, 保険料控除申告書, 基礎控除申告書 …). Counts are people. */
/** A person named on the 源泉徴収票: 氏名 and its フリガナ ('' when not given). */
export interface NamedPerson {
  readonly name: string;
  readonly kana: string;
}

export interface YearEndDeclaration {
  /** 配偶者の合計所得金額; undefined = no spouse declared. */
  readonly spouseIncome?: Yen;
  /** The spouse's name, when declared (the 源泉徴収票's (源泉・特別)控除対象配偶者 row). */
  readonly spouse?: NamedPerson;
  /** The 控除対象扶養親族 by name, in the order declared; empty when the names are not given. */
  readonly dependants: readonly NamedPerson[];
  /** The 16歳未満の扶養親族 by name, likewise. */
  readonly under16: readonly NamedPerson[];
  /** The spouse is 70 or older at year end (老人控除対象配偶者). */
  readonly spouseAge70: boolean;
  readonly dependantsGeneral: number;
  /** 特定扶養親族 (19–22). */
  readonly dependantsSpecified: number;
  /** 老人扶養親族 (70+) other than 同居老親等. */
  readonly dependantsElderly: number;
  /** 同居老親等. */
  readonly dependantsElderlyCohabiting: number;
  /** 年少扶養親族 (under 16): no deduction; printed on the 源泉徴収票 and used by 住民税. */
  readonly dependantsUnder16: number;
  /** 扶養親族 under 23 at year end (those under 16 and the 特定扶養親族 count too): 所得金額調整控除 and the 令和8年分 生命保険 rule. */
  readonly dependantsUnder23: number;
  /** 合計所得金額 of each 特定親族 (19–22, over the 扶養 limit). */
  readonly specifiedRelativeIncomes: readonly Yen[];
  /** 障害者 (一般), 特別障害者, 同居特別障害者: people, the employee included. */
  readonly disabledGeneral: number;
  readonly disabledSpecial: number;
  readonly disabledSpecialCohabiting: number;
  /** The employee is a 特別障害者 (one of `disabledSpecial`). */
  readonly selfSpecialDisabled: boolean;
  /** The employee is a 障害者 other than 特別 (one of `disabledGeneral`). */
  readonly selfDisabled: boolean;
  readonly widow: boolean;
  readonly singleParent: boolean;
  readonly workingStudent: boolean;
  /** 生命保険料 paid in the year: new/old contracts by category. */
  readonly lifeNewGeneral: Yen;
  readonly lifeOldGeneral: Yen;
  readonly lifeCareMedical: Yen;
  readonly lifeNewPension: Yen;
  readonly lifeOldPension: Yen;
  readonly earthquake: Yen;
  readonly earthquakeOldLongTerm: Yen;
  /** 社会保険料 paid directly (国民年金 etc.), beyond what pay withheld. */
  readonly socialInsuranceDeclared: Yen;
  /** 小規模企業共済等掛金 (iDeCo included). */
  readonly smallBusinessMutualAid: Yen;
  /** 住宅借入金等特別控除額 for the year (from the 申告書). */
  readonly housingLoanCredit: Yen;
  /** 合計所得金額 from other than this pay (基礎控除申告書). */
  readonly otherIncome: Yen;
  /** A mid-year joiner's previous employer (前職分の源泉徴収票). */
  readonly prevPay: Yen;
  readonly prevWithheldTax: Yen;
  readonly prevSocialInsurance: Yen;
}

/** A declaration with nothing declared. */
export const EMPTY_DECLARATION: YearEndDeclaration = {
  dependants: [],
  under16: [],
  spouseAge70: false,
  dependantsGeneral: 0,
  dependantsSpecified: 0,
  dependantsElderly: 0,
  dependantsElderlyCohabiting: 0,
  dependantsUnder16: 0,
  dependantsUnder23: 0,
  specifiedRelativeIncomes: [],
  disabledGeneral: 0,
  disabledSpecial: 0,
  disabledSpecialCohabiting: 0,
  selfSpecialDisabled: false,
  selfDisabled: false,
  widow: false,
  singleParent: false,
  workingStudent: false,
  lifeNewGeneral: 0,
  lifeOldGeneral: 0,
  lifeCareMedical: 0,
  lifeNewPension: 0,
  lifeOldPension: 0,
  earthquake: 0,
  earthquakeOldLongTerm: 0,
  socialInsuranceDeclared: 0,
  smallBusinessMutualAid: 0,
  housingLoanCredit: 0,
  otherIncome: 0,
  prevPay: 0,
  prevWithheldTax: 0,
  prevSocialInsurance: 0,
};

/** The year's pay at this employer, by pay date (salaries and bonuses; non-taxable commuting excluded). */
export interface YearPayTotals {
  /** 支払金額: pay before social insurance, non-taxable commuting excluded. */
  readonly totalPay: Yen;
  readonly withheldTax: Yen;
  readonly socialInsurance: Yen;
}

export interface YearEndInput extends YearPayTotals {
  readonly year: number;
  readonly taxColumn: TaxColumn;
  readonly declaration: YearEndDeclaration;
  /** 退職日, when the employee left: before December of the year, they are not adjusted. */
  readonly leftOn?: IsoDate | undefined;
  /**
   * The dates of the employee's pays of the year (the payroll outputs summed), or undefined when
   * not known (a totals file): a December leaver is adjusted only after a pay of December.
   */
  readonly payDates?: readonly IsoDate[] | undefined;
}

/**
 * Why a leaver is not adjusted, or undefined when the employee is (not a leaver, or one adjusted).
 * 年末調整 is for those employed at the year's last pay; of those who leave, one who leaves in
 * December after a pay of December is adjusted (「12月中に支給期の到来する給与の支払を受けた後に
 * 退職した人」, 国税庁「年末調整のしかた」 年末調整の対象となる人). The pay dates decide that when
 * known; from a totals file anyone leaving in December is taken as adjusted. Death and the other
 * exceptions are not modelled.
 * @example leaverNotAdjusted(2026, '2026-12-10', ['2026-11-25'])?.ja // '12月の給与の支払を受ける前に退職（2026年12月10日）のため年末調整の対象外'
 */
export function leaverNotAdjusted(year: number, leftOn: IsoDate | undefined, payDates: readonly IsoDate[] | undefined): Note | undefined {
  if (leftOn === undefined || leftOn >= `${year + 1}-01-01`) return undefined;
  const [y, m, day] = leftOn.split('-').map(Number);
  if (leftOn < `${year}-12-01`)
    return { ja: `中途退職（${y}年${m}月${day}日）のため年末調整の対象外`, en: `left on ${leftOn}: not adjusted` };
  if (payDates === undefined || payDates.some((d) => d >= `${year}-12-01` && d <= leftOn)) return undefined;
  return {
    ja: `12月の給与の支払を受ける前に退職（${y}年${m}月${day}日）のため年末調整の対象外`,
    en: `left on ${leftOn} before a pay of December: not adjusted`,
  };
}

/** 生命保険料控除 by category, as the 源泉徴収票 and 源泉徴収簿 show it. */
export interface LifeDeduction {
  readonly general: Yen;
  readonly careMedical: Yen;
  readonly pension: Yen;
  readonly total: Yen;
}

export interface YearEndFigures {
  /** ⑨ */
  readonly employmentIncome: Yen;
  /** ⑩ */
  readonly incomeAdjustment: Yen;
  /** 合計所得金額 (⑨ − ⑩ + other income): decides 基礎控除 and the spouse columns. */
  readonly totalIncome: Yen;
  /** 社会保険料控除: withheld here and before, and paid directly. */
  readonly socialInsurance: Yen;
  readonly smallBusinessMutualAid: Yen;
  readonly life: LifeDeduction;
  readonly earthquake: Yen;
  readonly spouse: Yen;
  /** Whether `spouse` is 配偶者控除 or 配偶者特別控除 (for the 源泉徴収票). */
  readonly spouseKind: 'deduction' | 'special' | 'none';
  readonly specifiedRelative: Yen;
  /** 扶養控除 + 障害者・寡婦・ひとり親・勤労学生控除 (源泉徴収簿 ⑰). */
  readonly dependants: Yen;
  /**
   * Which of 寡婦・ひとり親・勤労学生控除 was deducted: declared, and the 合計所得金額 within its
   * limit. The 源泉徴収票 marks these, not what was declared.
   */
  readonly widowDeducted: boolean;
  readonly singleParentDeducted: boolean;
  readonly workingStudentDeducted: boolean;
  readonly basic: Yen;
  readonly totalDeductions: Yen;
  /** ㉒ */
  readonly taxableIncome: Yen;
  /** ㉓ */
  readonly computedTax: Yen;
  /** ㉔ the credit applied (at most ㉓). */
  readonly housingLoanCredit: Yen;
  /** 住宅借入金等特別控除可能額: the credit declared, printed when not all of it applied. */
  readonly housingLoanAvailable: Yen;
  /** ㉖ */
  readonly annualTax: Yen;
  /** ㉗ = ㉖ − withheld: negative 超過額 (refunded), positive 不足額 (collected). */
  readonly difference: Yen;
}

export type YearEndResult =
  | ({ readonly status: 'adjusted'; readonly notes: readonly Note[] } & YearPayTotals & YearEndFigures)
  | ({ readonly status: 'not_eligible'; readonly reason: Note; readonly notes: readonly Note[] } & YearPayTotals);

export interface Note {
  readonly ja: string;
  readonly en: string;
}

const KNOWN_YEARS = YEAR_END_TABLES.map((t) => `${t.year}（${t.label}）`).join('、');

/**
 * The table of a 年分, or an InputError on argument `year` naming the years known.
 * @example yearEndTableFor(2026).label // '令和8年分'
 */
export function yearEndTableFor(year: number): YearEndTable {
  const t = YEAR_END_TABLES.find((x) => x.year === year);
  if (t) return t;
  throw argumentError(
    'year',
    year,
    `${year}年分の年末調整の表は未収録です（収録: ${KNOWN_YEARS}）`,
    `no year-end adjustment table for ${year} (known: ${YEAR_END_TABLES.map((x) => x.year).join(', ')})`,
  );
}

function ladder<T>(steps: Ladder<T>, amount: Yen): T {
  for (const s of steps) if (s.upTo === null || amount <= s.upTo) return s.value;
  throw new RangeError('ladder without an open-ended last step');
}

/**
 * ⑨ 給与所得控除後の給与等の金額 for total pay S, by the year's printed table (所得税法28条4項) and
 * the formulas above it. S above the adjusted range has no ⑨ here (not adjusted).
 * @example employmentIncome(2026, 8_970_000) // 7020000
 */
export function employmentIncome(year: number, totalPay: Yen): Yen {
  const t = yearEndTableFor(year).employmentIncome;
  if (!Number.isSafeInteger(totalPay) || totalPay < 0) {
    throw argumentError('total_pay', totalPay, '支払金額は0以上の整数の円です', 'total pay must be whole yen, 0 or more');
  }
  if (totalPay < t.zeroBelow) return 0;
  if (totalPay < t.subtractBelow) return totalPay - t.minimumDeduction;
  for (const [from, to, amount] of t.transitionRows) if (totalPay >= from && totalPay < to) return amount;
  const s = t.stepped;
  if (totalPay >= s.from && totalPay < s.toExclusive) {
    // The row holding S starts at A; its amount is A less the 給与所得控除額 of A.
    const a = s.from + Math.floor((totalPay - s.from) / s.step) * s.step;
    const band = s.deduction.find((d) => a < d.belowExclusive);
    if (!band) throw new RangeError('stepped rows without a deduction band');
    return a - (divideYen(BigInt(a) * BigInt(band.pct), 100, floor) + band.add);
  }
  for (const f of t.formulas) {
    if (totalPay >= f.from && (f.inclusive ? totalPay <= f.to : totalPay < f.to)) {
      // 1円未満切捨て of S × 90 %.
      return divideYen(BigInt(totalPay) * BigInt(f.num), f.den, floor) - f.subtract;
    }
  }
  throw argumentError(
    'total_pay',
    totalPay,
    `支払金額が年末調整の対象（${t.formulas.at(-1)?.to.toLocaleString('en-US')}円以下）を超えています`,
    'total pay is above the amount a year-end adjustment covers',
  );
}

/** One life-insurance style formula at a premium: 1円未満切上げ (所得税法76条). */
function formula(steps: readonly LifeStep[], premium: Yen): Yen {
  for (const s of steps) {
    if (s.upTo === null || premium <= s.upTo) return divideYen(BigInt(premium) * BigInt(s.num), s.den, ceil) + s.add;
  }
  throw new RangeError('formula without an open-ended last step');
}

/**
 * 生命保険料控除: per category new (formula I, or II for 一般 with a dependant under 23 in 令和8年分)
 * and old (formula III); both in one category → their sum to the combined cap, or the old alone
 * when that is larger; the three categories together to the total cap.
 */
export function lifeInsuranceDeduction(
  table: YearEndTable,
  d: Pick<YearEndDeclaration, 'lifeNewGeneral' | 'lifeOldGeneral' | 'lifeCareMedical' | 'lifeNewPension' | 'lifeOldPension'>,
  hasDependantUnder23: boolean,
): LifeDeduction {
  const l = table.life;
  const category = (newPremium: Yen, oldPremium: Yen, newFormula: readonly LifeStep[], combinedCap: Yen): Yen => {
    const n = newPremium > 0 ? formula(newFormula, newPremium) : 0;
    const o = oldPremium > 0 ? formula(l.oldFormula, oldPremium) : 0;
    if (newPremium > 0 && oldPremium > 0) return Math.max(Math.min(n + o, combinedCap), o);
    return n + o;
  };
  const special = hasDependantUnder23 ? l.under23General : undefined;
  const general = category(d.lifeNewGeneral, d.lifeOldGeneral, special?.formula ?? l.newFormula, special?.cap ?? l.combinedCap);
  const careMedical = d.lifeCareMedical > 0 ? formula(l.newFormula, d.lifeCareMedical) : 0;
  const pension = category(d.lifeNewPension, d.lifeOldPension, l.newFormula, l.combinedCap);
  return { general, careMedical, pension, total: Math.min(general + careMedical + pension, l.totalCap) };
}

/** 地震保険料控除: 地震 in full to its cap, 旧長期 by formula (1円未満切上げ), together to the total cap. */
export function earthquakeDeduction(table: YearEndTable, quake: Yen, oldLongTerm: Yen): Yen {
  const e = table.earthquake;
  const old = oldLongTerm > 0 ? formula(e.oldLongTerm, oldLongTerm) : 0;
  return Math.min(Math.min(quake, e.quakeCap) + old, e.totalCap);
}

/** 配偶者控除 or 配偶者特別控除 by the employee's and the spouse's 合計所得. */
export function spouseDeduction(
  table: YearEndTable,
  employeeIncome: Yen,
  spouseIncome: Yen | undefined,
  spouseAge70: boolean,
): { amount: Yen; kind: 'deduction' | 'special' | 'none' } {
  const s = table.spouse;
  const column = s.employeeColumns.findIndex((upTo) => employeeIncome <= upTo);
  if (spouseIncome === undefined || column < 0) return { amount: 0, kind: 'none' };
  if (spouseIncome <= s.deductionUpTo) {
    return { amount: (spouseAge70 ? s.deductionElderly : s.deduction)[column] ?? 0, kind: 'deduction' };
  }
  const step = s.special.find((x) => spouseIncome <= x.upTo);
  return step ? { amount: step.value[column] ?? 0, kind: 'special' } : { amount: 0, kind: 'none' };
}

/** 特定親族特別控除 for one relative's 合計所得 (over the 扶養 limit; none past the last band). */
export function specifiedRelativeDeduction(table: YearEndTable, relativeIncome: Yen): Yen {
  const r = table.specifiedRelative;
  if (relativeIncome <= r.from) return 0;
  return r.ladder.find((x) => relativeIncome <= x.upTo)?.value ?? 0;
}

/** 基礎控除 by the employee's 合計所得. */
export function basicDeduction(table: YearEndTable, totalIncome: Yen): Yen {
  return ladder(table.basic, totalIncome);
}

/** ㉓ 算出所得税額 by the 速算表 (1円未満切捨て of the rate; ㉒ is a multiple of 1,000, so it is exact). */
export function computedTax(table: YearEndTable, taxableIncome: Yen): Yen {
  const band = table.rates.find((r) => taxableIncome <= r.upTo);
  if (!band) throw new RangeError('taxable income above the 速算表 of the year-end adjustment');
  return divideYen(BigInt(taxableIncome) * BigInt(band.pct), 100, floor) - band.subtract;
}

const NON_NEGATIVE_FIELDS = ['totalPay', 'withheldTax', 'socialInsurance'] as const satisfies readonly (keyof YearPayTotals)[];

function checkInput(input: YearEndInput): void {
  for (const k of NON_NEGATIVE_FIELDS) {
    const v = input[k];
    if (!Number.isSafeInteger(v) || v < 0) throw argumentError(k, v, '0以上の整数の円で指定してください', 'must be whole yen, 0 or more');
  }
  for (const [k, v] of Object.entries(input.declaration)) {
    // The amounts and counts (the names are text).
    const values = Array.isArray(v) ? v.filter((x) => typeof x !== 'object') : typeof v === 'number' ? [v] : [];
    for (const x of values) {
      if (!Number.isSafeInteger(x) || x < 0)
        throw argumentError(k, x, '0以上の整数で指定してください', 'must be a whole number, 0 or more');
    }
  }
}

/**
 * The year-end adjustment of one employee. 乙欄 and total pay above 20,000,000 (a previous
 * employer's included) are not adjusted (所得税法190条): the result says why and carries only this
 * employer's own totals for the year.
 * @example yearEnd({ year: 2026, taxColumn: 'kou', totalPay: 8_970_000, withheldTax: 156_670, socialInsurance: 1_386_102, declaration }).difference // -115270
 */
export function yearEnd(input: YearEndInput): YearEndResult {
  const table = yearEndTableFor(input.year);
  checkInput(input);
  const d = input.declaration;
  const totals: YearPayTotals = {
    totalPay: input.totalPay + d.prevPay,
    withheldTax: input.withheldTax + d.prevWithheldTax,
    socialInsurance: input.socialInsurance + d.prevSocialInsurance,
  };
  // Not adjusted: this employer's own pay and tax, as its 源泉徴収票 states them (源泉徴収税額 is
  // what it withheld). A previous employer's pay counts toward the 20,000,000 limit, but goes on
  // a slip only when it was adjusted together (the employee files both slips in a tax return).
  const own: YearPayTotals = { totalPay: input.totalPay, withheldTax: input.withheldTax, socialInsurance: input.socialInsurance };
  if (input.taxColumn === 'otsu') {
    return {
      status: 'not_eligible',
      reason: {
        ja: '乙欄（扶養控除等申告書の提出なし）のため年末調整の対象外',
        en: 'tax column 乙 (no dependant declaration filed): not adjusted',
      },
      notes: [],
      ...own,
    };
  }
  // A leaver not adjusted (leaverNotAdjusted) gets a 源泉徴収票 of what was paid and withheld.
  const left = leaverNotAdjusted(input.year, input.leftOn, input.payDates);
  if (left) return { status: 'not_eligible', reason: left, notes: [], ...own };
  if (totals.totalPay > table.adjustedUpTo) {
    return {
      status: 'not_eligible',
      reason: {
        ja: `給与の総額が${table.adjustedUpTo.toLocaleString('en-US')}円を超えるため年末調整の対象外（所得税法190条）、確定申告が必要`,
        en: `total pay above ${table.adjustedUpTo.toLocaleString('en-US')} yen: not adjusted (Income Tax Act art. 190); the employee files a tax return`,
      },
      notes: [],
      ...own,
    };
  }
  const notes: Note[] = [];
  const s = totals.totalPay;
  // ⑨
  const employment = employmentIncome(input.year, s);
  // ⑩ 所得金額調整控除: pay over 8,500,000 with a dependant under 23 or a 特別障害者 in the household.
  const otherSpecialDisabled = d.disabledSpecialCohabiting + d.disabledSpecial - (d.selfSpecialDisabled ? 1 : 0) > 0;
  const hasUnder23 = d.dependantsUnder23 + d.dependantsSpecified + d.dependantsUnder16 > 0;
  const ia = table.incomeAdjustment;
  const incomeAdjustment =
    s > ia.from && (d.selfSpecialDisabled || hasUnder23 || otherSpecialDisabled)
      ? divideYen(BigInt(Math.min(s, ia.cap) - ia.from) * BigInt(ia.pct), 100, ceil)
      : 0;
  const totalIncome = employment - incomeAdjustment + d.otherIncome;

  const socialInsurance = totals.socialInsurance + d.socialInsuranceDeclared;
  const life = lifeInsuranceDeduction(table, d, hasUnder23);
  const earthquake = earthquakeDeduction(table, d.earthquake, d.earthquakeOldLongTerm);
  const spouse = spouseDeduction(table, totalIncome, d.spouseIncome, d.spouseAge70);
  if (d.spouseIncome !== undefined && spouse.kind === 'none') {
    notes.push({
      ja: '配偶者（特別）控除なし（本人または配偶者の合計所得金額が限度を超える）',
      en: 'no spouse deduction (the employee’s or the spouse’s income is over the limit)',
    });
  }
  const specifiedRelative = d.specifiedRelativeIncomes.reduce((sum, x) => sum + specifiedRelativeDeduction(table, x), 0);

  const dep = table.dependants;
  const p = table.personal;
  let personal =
    d.disabledGeneral * p.disabled + d.disabledSpecial * p.specialDisabled + d.disabledSpecialCohabiting * p.specialDisabledCohabiting;
  const widowOrSingleParent = (d.widow || d.singleParent) && totalIncome <= p.widowIncomeLimit;
  const workingStudent = d.workingStudent && totalIncome <= p.workingStudentIncomeLimit;
  if (d.widow || d.singleParent) {
    if (widowOrSingleParent) personal += d.singleParent ? p.singleParent : p.widow;
    else
      notes.push({
        ja: '寡婦・ひとり親控除なし（合計所得金額が500万円超）',
        en: 'no widow / single-parent deduction (income over 5,000,000)',
      });
  }
  if (d.workingStudent) {
    if (workingStudent) personal += p.workingStudent;
    else
      notes.push({
        ja: `勤労学生控除なし（合計所得金額が${p.workingStudentIncomeLimit.toLocaleString('en-US')}円超）`,
        en: `no working-student deduction (income over ${p.workingStudentIncomeLimit.toLocaleString('en-US')})`,
      });
  }
  const dependants =
    d.dependantsGeneral * dep.general +
    d.dependantsSpecified * dep.specified +
    d.dependantsElderly * dep.elderly +
    d.dependantsElderlyCohabiting * dep.elderlyCohabiting +
    personal;
  const basic = basicDeduction(table, totalIncome);
  const totalDeductions =
    socialInsurance + d.smallBusinessMutualAid + life.total + earthquake + spouse.amount + specifiedRelative + dependants + basic;
  // ㉒ 1,000円未満切捨て, not below 0.
  const taxableIncome = roundYen(Math.max(0, employment - incomeAdjustment - totalDeductions), floorTo1000);
  const tax = computedTax(table, taxableIncome);
  const housingLoanCredit = Math.min(d.housingLoanCredit, tax);
  const afterCredit = tax - housingLoanCredit;
  // ㉖ 復興特別所得税 included, 100円未満切捨て.
  const annualTax = divideYen(BigInt(afterCredit) * BigInt(table.surtax.num), table.surtax.den, floorTo100);
  // Every field spelled out rather than spread from `totals`: results are made by the ten thousand,
  // and a literal with a spread in front builds each one slowly.
  return {
    status: 'adjusted',
    notes,
    totalPay: totals.totalPay,
    withheldTax: totals.withheldTax,
    employmentIncome: employment,
    incomeAdjustment,
    totalIncome,
    socialInsurance,
    smallBusinessMutualAid: d.smallBusinessMutualAid,
    life,
    earthquake,
    spouse: spouse.amount,
    spouseKind: spouse.kind,
    specifiedRelative,
    dependants,
    widowDeducted: widowOrSingleParent && !d.singleParent,
    singleParentDeducted: widowOrSingleParent && d.singleParent,
    workingStudentDeducted: workingStudent,
    basic,
    totalDeductions,
    taxableIncome,
    computedTax: tax,
    housingLoanCredit,
    housingLoanAvailable: d.housingLoanCredit,
    annualTax,
    difference: annualTax - totals.withheldTax,
  };
}
