/**
 * 月額表の甲欄を適用する給与等に対する源泉徴収税額の電算機計算の特例 — parameters by version
 * (平成24年3月31日財務省告示第116号 別表第一〜第四). The algorithm never changes; only these do.
 * 出典：国税庁ホームページを加工して作成（公共データ利用規約 第1.0版）.
 */
import { percent, ZERO_RATE } from '../../../money/rate.js';
import type { ComputerParameters, DeductionBand, FixedBand, TaxBand } from '../types.js';

/**
 * 別表第四 (税額): plain rates × 1.021, so 復興特別所得税 (and from 2027 防衛特別所得税 1 % +
 * 復興 1.1 %, still 2.1 % in total) is included. Unchanged from 令和2年分 through 令和9年分.
 */
const TAX_BANDS: readonly TaxBand[] = [
  { upTo: 162_500, rate: percent('5.105'), subtract: 0 },
  { upTo: 275_000, rate: percent('10.21'), subtract: 8_296 },
  { upTo: 579_166, rate: percent('20.42'), subtract: 36_374 },
  { upTo: 750_000, rate: percent('23.483'), subtract: 54_113 },
  { upTo: 1_500_000, rate: percent('33.693'), subtract: 130_688 },
  { upTo: 3_333_333, rate: percent('40.84'), subtract: 237_893 },
  { upTo: null, rate: percent('45.945'), subtract: 408_061 },
];

/** 別表第一 from 150,000 (R2〜R7) / the end of the minimum band (R8, R9) up: unchanged since 令和2年分. */
const UPPER_EMPLOYMENT_BANDS: readonly DeductionBand[] = [
  { upTo: 299_999, rate: percent('30'), add: 6_667 },
  { upTo: 549_999, rate: percent('20'), add: 36_667 },
  { upTo: 708_330, rate: percent('10'), add: 91_667 },
  { upTo: null, rate: ZERO_RATE, add: 162_500 },
];

/** 別表第三 above the first band: 40,000 / 26,667 / 13,334 / 0 (tapering 基礎控除), same in every version since R2. */
const BASIC_TAPER: readonly FixedBand[] = [
  { upTo: 2_162_499, amount: 40_000 },
  { upTo: 2_204_166, amount: 26_667 },
  { upTo: 2_245_833, amount: 13_334 },
  { upTo: null, amount: 0 },
];

/** 令和2年分〜令和7年分 (pay dates 2020-01-01 to 2025-12-31): 給与所得控除 minimum 55万, 基礎控除 48万. */
export const computerR2toR7: ComputerParameters = {
  source: {
    title: '国税庁「令和2年分〜令和7年分 月額表の甲欄を適用する給与等に対する源泉徴収税額の電算機計算の特例」',
    url: 'https://www.nta.go.jp/publication/pamph/gensen/zeigakuhyo2025/01.htm',
    statute: '平成24年3月31日財務省告示第116号（令和2年分以後適用の改正後）',
    confidence: 'verified',
  },
  employmentIncomeDeduction: [
    { upTo: 135_416, rate: ZERO_RATE, add: 45_834 }, // ⌈550,000 / 12⌉
    { upTo: 149_999, rate: percent('40'), add: -8_333 },
    ...UPPER_EMPLOYMENT_BANDS,
  ],
  perDependant: 31_667,
  // R2〜R7 has one 40,000 band up to 2,162,499 (the first band of the later versions is 40,000 too).
  basicDeduction: [{ upTo: 2_120_833, amount: 40_000 }, ...BASIC_TAPER],
  taxBands: TAX_BANDS,
};

/** 令和8年分 (2026): 給与所得控除 minimum 65万 (⌈650,000/12⌉ = 54,167), 基礎控除 58万 (48,334). */
export const computerR8: ComputerParameters = {
  source: {
    title: '国税庁「令和8年分 源泉徴収税額表」電算機計算の特例 (data/denshi_01.pdf)',
    url: 'https://www.nta.go.jp/publication/pamph/gensen/zeigakuhyo2026/data/denshi_01.pdf',
    statute: '平成24年3月31日財務省告示第116号（令和7年4月30日財務省告示第123号改正）',
    confidence: 'verified',
  },
  employmentIncomeDeduction: [{ upTo: 158_333, rate: ZERO_RATE, add: 54_167 }, ...UPPER_EMPLOYMENT_BANDS],
  perDependant: 31_667,
  basicDeduction: [{ upTo: 2_120_833, amount: 48_334 }, ...BASIC_TAPER],
  taxBands: TAX_BANDS,
};

/**
 * 令和9年分 (2027): 給与所得控除 minimum 69万 (57,500 = 690,000/12; the temporary 74万 of 措法29の4
 * is not in the monthly tables), 基礎控除 62万 (⌈620,000/12⌉ = 51,667).
 * The first band ends at 169,444 (NTA 18.pdf as transcribed); 169,443 gives the same tax for every A.
 */
export const computerR9: ComputerParameters = {
  source: {
    title: '国税庁「令和9年分 源泉徴収税額表」電算機計算の特例 (data/18.pdf)',
    url: 'https://www.nta.go.jp/publication/pamph/gensen/zeigakuhyo2027/01.htm',
    statute: '平成24年3月31日財務省告示第116号（令和8年4月30日財務省告示第128号改正）',
    confidence: 'verified',
  },
  employmentIncomeDeduction: [{ upTo: 169_444, rate: ZERO_RATE, add: 57_500 }, ...UPPER_EMPLOYMENT_BANDS],
  perDependant: 31_667,
  basicDeduction: [{ upTo: 2_120_833, amount: 51_667 }, ...BASIC_TAPER],
  taxBands: TAX_BANDS,
};
