/**
 * 都道府県 (prefectures) by JIS X 0401 code 01–47. 協会けんぽ sets one 健康保険料率 per 支部, and each
 * 支部 is a prefecture, so the prefecture of the 事業所 selects the health rate.
 */

export type PrefectureCode = number;

/** Index 0 = code 01 北海道 … index 46 = code 47 沖縄県. */
export const PREFECTURES: readonly string[] = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
];

const BY_NAME = new Map<string, PrefectureCode>();
PREFECTURES.forEach((name, i) => {
  BY_NAME.set(name, i + 1);
  // 「東京」「大阪」「神奈川」: users often drop 都/府/県 (北海道 keeps its 道).
  if (name !== '北海道') BY_NAME.set(name.replace(/[都府県]$/, ''), i + 1);
});

/**
 * Reads a prefecture as users write it: 東京都, 東京, 13, ０１, 1.
 * @example parsePrefecture('大阪') // 27
 */
export function parsePrefecture(text: string): PrefectureCode | undefined {
  const t = text.normalize('NFKC').trim();
  if (/^\d{1,2}$/.test(t)) {
    const code = Number(t);
    return code >= 1 && code <= 47 ? code : undefined;
  }
  return BY_NAME.get(t);
}

/** @example prefectureName(13) // '東京都' */
export function prefectureName(code: PrefectureCode): string {
  const name = PREFECTURES[code - 1];
  if (name === undefined) throw new RangeError(`prefecture code ${code} is not 1–47`);
  return name;
}
