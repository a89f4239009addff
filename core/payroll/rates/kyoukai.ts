/**
 * 協会けんぽ 健康保険料率 (health-insurance rates of the Japan Health Insurance Association), one
 * per prefecture 支部, and the 介護保険料率 (long-term-care rate, 第2号被保険者 aged 40–64).
 * Keyed by 保険料の月 (insurance month): a 年度's rates start with the March premium, which is
 * deducted from April pay under 翌月徴収.
 *
 * 健康保険組合 (組合健保) set their own rates: callers pass an override instead of these.
 */
import { percent, type Rate } from '../../money/rate.js';

export interface KyoukaiRateTable {
  /** 年度 label, e.g. 令和8年度. */
  readonly name: string;
  /** First insurance month (YYYY-MM) the rates apply to. */
  readonly from: string;
  /** Last insurance month (YYYY-MM) Urakata knows them for; later months are refused until the next table is added. */
  readonly to: string;
  readonly source: string;
  readonly url: string;
  /** 介護保険料率, the same in every prefecture. */
  readonly careRate: Rate;
  /** 健康保険料率 (without 介護) by prefecture code: index 0 = 01 北海道 … 46 = 47 沖縄県. */
  readonly healthRates: readonly Rate[];
}

function byPrefecture(rates: readonly string[]): readonly Rate[] {
  if (rates.length !== 47) throw new Error(`協会けんぽ table needs 47 prefectures, got ${rates.length}`);
  return Object.freeze(rates.map((r) => percent(r)));
}

/** 令和7年度: 令和7年3月分（4月納付分）から. */
export const KYOUKAI_R7: KyoukaiRateTable = {
  name: '令和7年度',
  from: '2025-03',
  to: '2026-02',
  source: '全国健康保険協会 令和7年3月分（4月納付分）からの健康保険・厚生年金保険の保険料額表（都道府県支部別）',
  url: 'https://www.kyoukaikenpo.or.jp/g3/cat330/',
  careRate: percent('1.59'),
  healthRates: byPrefecture([
    '10.31', // 01 北海道
    '9.85', // 02 青森
    '9.62', // 03 岩手
    '10.11', // 04 宮城
    '10.01', // 05 秋田
    '9.75', // 06 山形
    '9.62', // 07 福島
    '9.67', // 08 茨城
    '9.82', // 09 栃木
    '9.77', // 10 群馬
    '9.76', // 11 埼玉
    '9.79', // 12 千葉
    '9.91', // 13 東京
    '9.92', // 14 神奈川
    '9.55', // 15 新潟
    '9.65', // 16 富山
    '9.88', // 17 石川
    '9.94', // 18 福井
    '9.89', // 19 山梨
    '9.69', // 20 長野
    '9.93', // 21 岐阜
    '9.80', // 22 静岡
    '10.03', // 23 愛知
    '9.99', // 24 三重
    '9.97', // 25 滋賀
    '10.03', // 26 京都
    '10.24', // 27 大阪
    '10.16', // 28 兵庫
    '10.02', // 29 奈良
    '10.19', // 30 和歌山
    '9.93', // 31 鳥取
    '9.94', // 32 島根
    '10.17', // 33 岡山
    '9.97', // 34 広島
    '10.36', // 35 山口
    '10.47', // 36 徳島
    '10.21', // 37 香川
    '10.18', // 38 愛媛
    '10.13', // 39 高知
    '10.31', // 40 福岡
    '10.78', // 41 佐賀
    '10.41', // 42 長崎
    '10.12', // 43 熊本
    '10.25', // 44 大分
    '10.09', // 45 宮崎
    '10.31', // 46 鹿児島
    '9.44', // 47 沖縄
  ]),
};

/** 令和8年度: 令和8年3月分（4月納付分）から. */
export const KYOUKAI_R8: KyoukaiRateTable = {
  name: '令和8年度',
  from: '2026-03',
  to: '2027-02',
  source: '全国健康保険協会 令和8年3月分（4月納付分）からの健康保険・厚生年金保険の保険料額表（都道府県支部別）',
  url: 'https://www.kyoukaikenpo.or.jp/g7/cat330/sb3150/r08/r8ryougakuhyou3gatukara/',
  careRate: percent('1.62'),
  healthRates: byPrefecture([
    '10.28', // 01 北海道
    '9.85', // 02 青森
    '9.51', // 03 岩手
    '10.10', // 04 宮城
    '10.01', // 05 秋田
    '9.75', // 06 山形
    '9.50', // 07 福島
    '9.52', // 08 茨城
    '9.82', // 09 栃木
    '9.68', // 10 群馬
    '9.67', // 11 埼玉
    '9.73', // 12 千葉
    '9.85', // 13 東京
    '9.92', // 14 神奈川
    '9.21', // 15 新潟
    '9.59', // 16 富山
    '9.70', // 17 石川
    '9.71', // 18 福井
    '9.55', // 19 山梨
    '9.63', // 20 長野
    '9.80', // 21 岐阜
    '9.61', // 22 静岡
    '9.93', // 23 愛知
    '9.77', // 24 三重
    '9.88', // 25 滋賀
    '9.89', // 26 京都
    '10.13', // 27 大阪
    '10.12', // 28 兵庫
    '9.91', // 29 奈良
    '10.06', // 30 和歌山
    '9.86', // 31 鳥取
    '9.94', // 32 島根
    '10.05', // 33 岡山
    '9.78', // 34 広島
    '10.15', // 35 山口
    '10.24', // 36 徳島
    '10.02', // 37 香川
    '9.98', // 38 愛媛
    '10.05', // 39 高知
    '10.11', // 40 福岡
    '10.55', // 41 佐賀
    '10.06', // 42 長崎
    '10.08', // 43 熊本
    '10.08', // 44 大分
    '9.77', // 45 宮崎
    '10.13', // 46 鹿児島
    '9.44', // 47 沖縄
  ]),
};

/** Every table Urakata knows, oldest first. A new 年度 is one more entry here. */
export const KYOUKAI_TABLES: readonly KyoukaiRateTable[] = [KYOUKAI_R7, KYOUKAI_R8];
