/**
 * Shapes of the withholding data (源泉徴収税額表). A year's tables are data of these shapes in
 * `data/`; the engine has no year-specific code, so a new 年分 is a new data module plus one
 * line in `years.ts`.
 */
import type { IsoDate } from '../../dates/calendar.js';
import type { Rate } from '../../money/rate.js';
import type { Yen } from '../../money/yen.js';

/** 甲欄 (扶養控除等申告書を提出) / 乙欄 (not filed: a second employer). */
export type TaxColumn = 'kou' | 'otsu';

/** 月額表 (table) or 月額表の甲欄を適用する給与等に対する源泉徴収税額の電算機計算の特例 (computer). */
export type WithholdingMethod = 'table' | 'computer';

/**
 * How far a table has been checked. `verified`: reproduced cell by cell against an independent
 * extraction of the official table. `single-source`: one transcription, to be checked against
 * the NTA document before relying on it.
 */
export type Confidence = 'verified' | 'single-source';

/** Where a table comes from, printed beside it. */
export interface TableSource {
  /** e.g. 国税庁「令和8年分 源泉徴収税額表」 */
  readonly title: string;
  readonly url: string;
  /** 財務省告示 that enacts it. */
  readonly statute: string;
  readonly confidence: Confidence;
}

/**
 * One row of the 月額表 between the start and 740,000 yen:
 * `[from, to, 甲0, 甲1, 甲2, 甲3, 甲4, 甲5, 甲6, 甲7, 乙]` — `from` 以上, `to` 未満.
 */
export type MonthlyRow = readonly [number, number, number, number, number, number, number, number, number, number, number];

/** Above the rows: tax = `amounts[n]` + (A − `from`) × `rate`, 1円未満切捨て. */
export interface KouAnchor {
  readonly from: Yen;
  /** 甲 0人〜7人. */
  readonly amounts: readonly [Yen, Yen, Yen, Yen, Yen, Yen, Yen, Yen];
  readonly rate: Rate;
}

export interface OtsuAnchor {
  readonly from: Yen;
  readonly amount: Yen;
  readonly rate: Rate;
}

/** 給与所得の源泉徴収税額表（月額表）for one 年分. */
export interface MonthlyTable {
  readonly source: TableSource;
  /** First row's lower bound; below it 甲 is 0 and 乙 is `otsuRateBelowStart` of A (1円未満切捨て). */
  readonly start: Yen;
  readonly otsuRateBelowStart: Rate;
  /** Contiguous rows from `start` up to the first anchor. */
  readonly rows: readonly MonthlyRow[];
  readonly kouAnchors: readonly KouAnchor[];
  readonly otsuAnchors: readonly OtsuAnchor[];
  /** 扶養親族等の数が7人を超える場合: the 7人 amount less this much per further person. */
  readonly perDependantOverSeven: Yen;
}

/** A band of 別表第一 (給与所得控除): ⌈A × rate⌉ + add for A ≤ upTo (null = no upper limit). */
export interface DeductionBand {
  readonly upTo: Yen | null;
  readonly rate: Rate;
  readonly add: Yen;
}

/** A band of 別表第三 (基礎控除). */
export interface FixedBand {
  readonly upTo: Yen | null;
  readonly amount: Yen;
}

/** A band of 別表第四: B × rate − subtract, for B ≤ upTo. Rates include 復興 (and from 2027 防衛) 特別所得税. */
export interface TaxBand {
  readonly upTo: Yen | null;
  readonly rate: Rate;
  readonly subtract: Yen;
}

/** 電算機計算の特例 parameters (平成24年財務省告示第116号 別表第一〜第四) for one version. */
export interface ComputerParameters {
  readonly source: TableSource;
  /** 別表第一 給与所得控除の額 (1円未満切上げ). */
  readonly employmentIncomeDeduction: readonly DeductionBand[];
  /** 別表第二 配偶者（特別）控除・扶養控除 per person counted. */
  readonly perDependant: Yen;
  /** 別表第三 基礎控除. */
  readonly basicDeduction: readonly FixedBand[];
  /** 別表第四 税額 (10円未満四捨五入). */
  readonly taxBands: readonly TaxBand[];
}

/** 賞与に対する源泉徴収税額の算出率の表 for one 年分. Rates are exact (per 100,000 in the source). */
export interface BonusRateTable {
  readonly source: TableSource;
  /** The rate ladder shared by every 甲 column; index 0 is 0 %. */
  readonly kouRates: readonly Rate[];
  /**
   * For 甲 0人〜7人以上: the 前月の社会保険料等控除後の給与等の金額 (以上) at which rate i (i ≥ 1)
   * starts; `kouFrom[n][i - 1]` belongs to `kouRates[i]`.
   */
  readonly kouFrom: readonly (readonly Yen[])[];
  /** 乙: rate from `from` (以上); the first entry starts at 0. */
  readonly otsu: readonly { readonly from: Yen; readonly rate: Rate }[];
}

/** Everything known for the pay dates of one or more calendar years (年分 = year of payment). */
export interface WithholdingVersion {
  /** First and last pay date covered, inclusive. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** 和暦 label, e.g. 令和8年分 or 令和2〜7年分. */
  readonly label: string;
  readonly table?: MonthlyTable;
  readonly computer?: ComputerParameters;
  readonly bonus?: BonusRateTable;
}
