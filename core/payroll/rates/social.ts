/**
 * 標準報酬月額 (standard monthly remuneration) grades and the national rates that do not vary by
 * prefecture: 厚生年金 (employees' pension), 子ども・子育て拠出金 (employer-only child-care
 * contribution) and 子ども・子育て支援金 (child-support levy, new from insurance month 2026-04).
 * Each rate names its source and the insurance months it is known for; other months are refused.
 */
import { percent, type Rate } from '../../money/rate.js';
import type { Yen } from '../../money/yen.js';

export interface Grade {
  readonly grade: number;
  /** 標準報酬月額. */
  readonly standard: Yen;
  /** 報酬月額 lower bound (以上); the grade runs up to the next grade's bound (未満). */
  readonly from: Yen;
}

function g(grade: number, standard: Yen, from: Yen): Grade {
  return { grade, standard, from };
}

/**
 * 健康保険 grades 1–50 (健康保険法§40, unchanged since 2016-04 when 第50級 1,390,000 was added).
 * Source: 全国健康保険協会 保険料額表 (令和7年3月分から / 令和8年3月分から), identical in both.
 */
export const HEALTH_GRADES: readonly Grade[] = [
  g(1, 58_000, 0),
  g(2, 68_000, 63_000),
  g(3, 78_000, 73_000),
  g(4, 88_000, 83_000),
  g(5, 98_000, 93_000),
  g(6, 104_000, 101_000),
  g(7, 110_000, 107_000),
  g(8, 118_000, 114_000),
  g(9, 126_000, 122_000),
  g(10, 134_000, 130_000),
  g(11, 142_000, 138_000),
  g(12, 150_000, 146_000),
  g(13, 160_000, 155_000),
  g(14, 170_000, 165_000),
  g(15, 180_000, 175_000),
  g(16, 190_000, 185_000),
  g(17, 200_000, 195_000),
  g(18, 220_000, 210_000),
  g(19, 240_000, 230_000),
  g(20, 260_000, 250_000),
  g(21, 280_000, 270_000),
  g(22, 300_000, 290_000),
  g(23, 320_000, 310_000),
  g(24, 340_000, 330_000),
  g(25, 360_000, 350_000),
  g(26, 380_000, 370_000),
  g(27, 410_000, 395_000),
  g(28, 440_000, 425_000),
  g(29, 470_000, 455_000),
  g(30, 500_000, 485_000),
  g(31, 530_000, 515_000),
  g(32, 560_000, 545_000),
  g(33, 590_000, 575_000),
  g(34, 620_000, 605_000),
  g(35, 650_000, 635_000),
  g(36, 680_000, 665_000),
  g(37, 710_000, 695_000),
  g(38, 750_000, 730_000),
  g(39, 790_000, 770_000),
  g(40, 830_000, 810_000),
  g(41, 880_000, 855_000),
  g(42, 930_000, 905_000),
  g(43, 980_000, 955_000),
  g(44, 1_030_000, 1_005_000),
  g(45, 1_090_000, 1_055_000),
  g(46, 1_150_000, 1_115_000),
  g(47, 1_210_000, 1_175_000),
  g(48, 1_270_000, 1_235_000),
  g(49, 1_330_000, 1_295_000),
  g(50, 1_390_000, 1_355_000),
];

/**
 * 厚生年金 grades 1–32 = 健康保険 grades 4–35 (厚生年金保険法§20; 第32級 650,000 since 2020-09).
 * 令和7年法律第74号 adds 第33級 680,000 from 2027-09: months from then are refused until it is added.
 */
export const PENSION_GRADES: readonly Grade[] = HEALTH_GRADES.slice(3, 35).map((h, i) => ({
  grade: i + 1,
  standard: h.standard,
  from: i === 0 ? 0 : h.from,
}));

export interface RateWindow {
  /** First insurance month (YYYY-MM). */
  readonly from: string;
  /** Last insurance month known (YYYY-MM). */
  readonly to: string;
  readonly rate: Rate;
  readonly source: string;
}

/** The pension grade table above is valid for these months. */
export const PENSION_GRADE_WINDOW = {
  from: '2020-09',
  to: '2027-08',
  source: '厚生年金保険法§20（令和2年政令第246号で第32級650,000円追加、令和7年法律第74号で2027年9月から第33級）',
} as const;

/** 厚生年金保険料率 18.3 % (厚生年金保険法§81④, 平成29年9月分から固定). Half each. */
export const PENSION_RATES: readonly RateWindow[] = [
  { from: '2017-09', to: '2027-08', rate: percent('18.3'), source: '厚生年金保険法§81④（平成29年9月分以降 18.300%）' },
];

/** 子ども・子育て拠出金 0.36 % of the pension base (子ども・子育て支援法§69-71), employer only. */
export const CHILD_CONTRIBUTION_RATES: readonly RateWindow[] = [
  {
    from: '2020-04',
    to: '2027-03',
    rate: percent('0.36'),
    source: '子ども・子育て支援法§70（令和2年4月分から 0.36%）; 協会けんぽ 令和8年度保険料額表',
  },
];

/**
 * 子ども・子育て支援金 (子ども・子育て支援法§71の3以下, 令和6年法律第47号), charged with health
 * insurance on the health base, half each. Not levied before insurance month 2026-04.
 */
export const CHILD_SUPPORT_RATES: readonly RateWindow[] = [
  { from: '2000-01', to: '2026-03', rate: percent('0'), source: '子ども・子育て支援金は令和8年4月分から徴収（それ以前は徴収なし）' },
  {
    from: '2026-04',
    to: '2027-03',
    rate: percent('0.23'),
    source: 'こども家庭庁 子ども・子育て支援金 令和8年度 支援金率 0.23%（協会けんぽ 令和8年4月分から）',
  },
];

/** 標準賞与額 caps (健康保険法§45: 年度累計573万円; 厚生年金保険法§24の4: 1月150万円). */
export const BONUS_CAPS = {
  healthPerFiscalYear: 5_730_000,
  pensionPerMonth: 1_500_000,
  source: '健康保険法§45①（年度累計573万円）, 厚生年金保険法§24の4①（1か月150万円）',
} as const;
