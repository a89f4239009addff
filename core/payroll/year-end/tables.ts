/**
 * 年末調整 (year-end adjustment) figures as data, one table per 年分 with its source. The engine in
 * `compute.ts` has no year-specific code: a new year is one more entry in `YEAR_END_TABLES` and
 * its tests against the official booklet. A year without an entry is refused, never computed
 * with another year's figures.
 */
import type { Yen } from '../../money/yen.js';

/** A band ladder: the first step whose `upTo` (inclusive) is ≥ the amount gives the value; `upTo: null` is open-ended. */
export type Ladder<T> = readonly { readonly upTo: Yen | null; readonly value: T }[];

/** One life-insurance formula (所得税法76条): premiums up to `upTo` give `premium × num / den + add` (1円未満切上げ). */
export interface LifeStep {
  readonly upTo: Yen | null;
  readonly num: number;
  readonly den: number;
  readonly add: Yen;
}

/**
 * The stepped part of the 給与所得控除後の給与等の金額の表: rows `step` yen wide from `from`; a row's
 * amount is its lower bound A less the 給与所得控除額 of A, `A × pct / 100 + add` (所得税法28条3項).
 */
export interface SteppedRows {
  readonly from: Yen;
  readonly toExclusive: Yen;
  readonly step: Yen;
  readonly deduction: readonly { readonly belowExclusive: Yen; readonly pct: number; readonly add: Yen }[];
}

export interface YearEndTable {
  /** Calendar year (年分) of the pay adjusted. */
  readonly year: number;
  /** e.g. 令和8年分 */
  readonly label: string;
  readonly source: { readonly title: string; readonly url: string; readonly statute: string };

  /** ⑨ 給与所得控除後の給与等の金額 (所得税法28条・別表第五; 最低保障額 by 措置法). */
  readonly employmentIncome: {
    /** S below this: ⑨ = 0. */
    readonly zeroBelow: Yen;
    /** S below this: ⑨ = S − `minimumDeduction`. */
    readonly subtractBelow: Yen;
    readonly minimumDeduction: Yen;
    /** The first rows of the printed table, whose widths follow no formula: `[from, toExclusive, amount]`. */
    readonly transitionRows: readonly (readonly [Yen, Yen, Yen])[];
    readonly stepped: SteppedRows;
    /** Above the table: ⌊S × num / den⌋ − subtract (1円未満切捨て), each up to `toExclusive` (or `toInclusive`). */
    readonly formulas: readonly {
      readonly from: Yen;
      readonly to: Yen;
      readonly inclusive: boolean;
      readonly num: number;
      readonly den: number;
      readonly subtract: Yen;
    }[];
  };

  /** 所得税法190条: 年末調整 is made for total pay of this or less (二千万円以下). */
  readonly adjustedUpTo: Yen;

  /** ⑩ 所得金額調整控除 (措置法41条の3の3): (min(S, cap) − from) × pct %, 1円未満切上げ. */
  readonly incomeAdjustment: { readonly from: Yen; readonly cap: Yen; readonly pct: number };

  /** 生命保険料控除 (所得税法76条). */
  readonly life: {
    /** 新契約 (平成24年以降) formula I, per category. */
    readonly newFormula: readonly LifeStep[];
    readonly newCap: Yen;
    /** 旧契約 formula III. */
    readonly oldFormula: readonly LifeStep[];
    readonly oldCap: Yen;
    /** New and old in one category together: at most this. */
    readonly combinedCap: Yen;
    readonly totalCap: Yen;
    /**
     * 令和8年分 only: with a 扶養親族 under 23, the new 一般 category uses formula II and its own
     * cap (措置法41条の15の2 as amended by 令和8年法律第12号). Absent in a year without it.
     */
    readonly under23General?: { readonly formula: readonly LifeStep[]; readonly cap: Yen };
  };

  /** 地震保険料控除 (所得税法77条): 地震 in full to `quakeCap`; 旧長期損害 by formula; both together to `totalCap`. */
  readonly earthquake: { readonly quakeCap: Yen; readonly oldLongTerm: readonly LifeStep[]; readonly totalCap: Yen };

  /** 配偶者控除・配偶者特別控除 (所得税法83条・83条の2). Employee 合計所得 columns (inclusive upper bounds). */
  readonly spouse: {
    readonly employeeColumns: readonly [Yen, Yen, Yen];
    /** Spouse's 合計所得 up to this: 配偶者控除. */
    readonly deductionUpTo: Yen;
    readonly deduction: readonly [Yen, Yen, Yen];
    readonly deductionElderly: readonly [Yen, Yen, Yen];
    /** 配偶者特別控除 by the spouse's 合計所得, above `deductionUpTo`; none past the last step. */
    readonly special: readonly { readonly upTo: Yen; readonly value: readonly [Yen, Yen, Yen] }[];
  };

  /** 特定親族特別控除 (所得税法84条の2, from 令和7年分): relatives aged 19–22 with 合計所得 over `from`. */
  readonly specifiedRelative: { readonly from: Yen; readonly ladder: readonly { readonly upTo: Yen; readonly value: Yen }[] };

  /** 扶養控除 (所得税法84条) per person. */
  readonly dependants: { readonly general: Yen; readonly specified: Yen; readonly elderly: Yen; readonly elderlyCohabiting: Yen };
  /** 障害者控除・寡婦控除・ひとり親控除・勤労学生控除 (所得税法79〜82条) and their income limits. */
  readonly personal: {
    readonly disabled: Yen;
    readonly specialDisabled: Yen;
    readonly specialDisabledCohabiting: Yen;
    readonly widow: Yen;
    readonly singleParent: Yen;
    readonly workingStudent: Yen;
    /** 寡婦・ひとり親: the employee's 合計所得 at most this. */
    readonly widowIncomeLimit: Yen;
    /** 勤労学生: the employee's 合計所得 at most this. */
    readonly workingStudentIncomeLimit: Yen;
  };

  /** 基礎控除 (所得税法86条; 措置法41条の16の2) by the employee's 合計所得. */
  readonly basic: Ladder<Yen>;

  /** ㉓ 算出所得税額 by the 年末調整用 速算表: `taxable × pct / 100 − subtract`; none above the last band. */
  readonly rates: readonly { readonly upTo: Yen; readonly pct: number; readonly subtract: Yen }[];

  /** ㉖: ㉕ × num / den (復興特別所得税 included), 100円未満切捨て. */
  readonly surtax: { readonly num: number; readonly den: number };
}

/**
 * 令和8年分 (pay dated 2026-01-01 … 2026-12-31), after the 令和8年度 改正 (令和8年法律第12号, in force
 * 2026-12-01 and applying to the whole of 令和8年分 at the year-end adjustment).
 */
export const YEAR_END_R8: YearEndTable = {
  year: 2026,
  label: '令和8年分',
  source: {
    title: '国税庁「令和8年分 年末調整のしかた」（給与所得控除後の給与等の金額の表、年税額の速算表、各控除額の表）',
    url: 'https://www.nta.go.jp/publication/pamph/gensen/nencho2026/pdf/nencho_all.pdf',
    statute: '所得税法28条・76〜86条・190条、租税特別措置法41条の3の3・41条の15の2・41条の16の2、令和8年法律第12号',
  },
  employmentIncome: {
    zeroBelow: 741_000,
    subtractBelow: 2_191_000,
    minimumDeduction: 740_000,
    transitionRows: [
      [2_191_000, 2_193_000, 1_451_000],
      [2_193_000, 2_196_000, 1_453_000],
      [2_196_000, 2_200_000, 1_456_000],
    ],
    stepped: {
      from: 2_200_000,
      toExclusive: 6_600_000,
      step: 4_000,
      deduction: [
        { belowExclusive: 3_600_000, pct: 30, add: 80_000 },
        { belowExclusive: 6_600_000, pct: 20, add: 440_000 },
      ],
    },
    formulas: [
      { from: 6_600_000, to: 8_500_000, inclusive: false, num: 9, den: 10, subtract: 1_100_000 },
      { from: 8_500_000, to: 20_000_000, inclusive: true, num: 1, den: 1, subtract: 1_950_000 },
    ],
  },
  adjustedUpTo: 20_000_000,
  incomeAdjustment: { from: 8_500_000, cap: 10_000_000, pct: 10 },
  life: {
    newFormula: [
      { upTo: 20_000, num: 1, den: 1, add: 0 },
      { upTo: 40_000, num: 1, den: 2, add: 10_000 },
      { upTo: 80_000, num: 1, den: 4, add: 20_000 },
      { upTo: null, num: 0, den: 1, add: 40_000 },
    ],
    newCap: 40_000,
    oldFormula: [
      { upTo: 25_000, num: 1, den: 1, add: 0 },
      { upTo: 50_000, num: 1, den: 2, add: 12_500 },
      { upTo: 100_000, num: 1, den: 4, add: 25_000 },
      { upTo: null, num: 0, den: 1, add: 50_000 },
    ],
    oldCap: 50_000,
    combinedCap: 40_000,
    totalCap: 120_000,
    under23General: {
      formula: [
        { upTo: 30_000, num: 1, den: 1, add: 0 },
        { upTo: 60_000, num: 1, den: 2, add: 15_000 },
        { upTo: 120_000, num: 1, den: 4, add: 30_000 },
        { upTo: null, num: 0, den: 1, add: 60_000 },
      ],
      cap: 60_000,
    },
  },
  earthquake: {
    quakeCap: 50_000,
    oldLongTerm: [
      { upTo: 10_000, num: 1, den: 1, add: 0 },
      { upTo: 20_000, num: 1, den: 2, add: 5_000 },
      { upTo: null, num: 0, den: 1, add: 15_000 },
    ],
    totalCap: 50_000,
  },
  spouse: {
    employeeColumns: [9_000_000, 9_500_000, 10_000_000],
    deductionUpTo: 620_000,
    deduction: [380_000, 260_000, 130_000],
    deductionElderly: [480_000, 320_000, 160_000],
    special: [
      { upTo: 950_000, value: [380_000, 260_000, 130_000] },
      { upTo: 1_000_000, value: [360_000, 240_000, 120_000] },
      { upTo: 1_050_000, value: [310_000, 210_000, 110_000] },
      { upTo: 1_100_000, value: [260_000, 180_000, 90_000] },
      { upTo: 1_150_000, value: [210_000, 140_000, 70_000] },
      { upTo: 1_200_000, value: [160_000, 110_000, 60_000] },
      { upTo: 1_250_000, value: [110_000, 80_000, 40_000] },
      { upTo: 1_300_000, value: [60_000, 40_000, 20_000] },
      { upTo: 1_330_000, value: [30_000, 20_000, 10_000] },
    ],
  },
  specifiedRelative: {
    from: 620_000,
    ladder: [
      { upTo: 850_000, value: 630_000 },
      { upTo: 900_000, value: 610_000 },
      { upTo: 950_000, value: 510_000 },
      { upTo: 1_000_000, value: 410_000 },
      { upTo: 1_050_000, value: 310_000 },
      { upTo: 1_100_000, value: 210_000 },
      { upTo: 1_150_000, value: 110_000 },
      { upTo: 1_200_000, value: 60_000 },
      { upTo: 1_230_000, value: 30_000 },
    ],
  },
  dependants: { general: 380_000, specified: 630_000, elderly: 480_000, elderlyCohabiting: 580_000 },
  personal: {
    disabled: 270_000,
    specialDisabled: 400_000,
    specialDisabledCohabiting: 750_000,
    widow: 270_000,
    singleParent: 350_000,
    workingStudent: 270_000,
    widowIncomeLimit: 5_000_000,
    workingStudentIncomeLimit: 890_000,
  },
  basic: [
    { upTo: 4_890_000, value: 1_040_000 },
    { upTo: 6_550_000, value: 670_000 },
    { upTo: 23_500_000, value: 620_000 },
    { upTo: 24_000_000, value: 480_000 },
    { upTo: 24_500_000, value: 320_000 },
    { upTo: 25_000_000, value: 160_000 },
    { upTo: null, value: 0 },
  ],
  rates: [
    { upTo: 1_950_000, pct: 5, subtract: 0 },
    { upTo: 3_300_000, pct: 10, subtract: 97_500 },
    { upTo: 6_950_000, pct: 20, subtract: 427_500 },
    { upTo: 9_000_000, pct: 23, subtract: 636_000 },
    { upTo: 18_000_000, pct: 33, subtract: 1_536_000 },
    { upTo: 18_050_000, pct: 40, subtract: 2_796_000 },
  ],
  surtax: { num: 1021, den: 1000 },
};

/** Every year the engine can adjust, oldest first. */
export const YEAR_END_TABLES: readonly YearEndTable[] = [YEAR_END_R8];
