/**
 * 法人略語: the abbreviations of legal forms that transfer names carry, and where they sit.
 * Source: 全銀協 rules as published by banks — 京葉銀行「カナ文字入力時の注意」(1.法人略語
 * 2.営業所略語 3.事業略語), 常陽銀行 j_help/1901, and the annex 別表(第5条関係) of a bank
 * regulation. The placement rule is the same everywhere: start `ｶ)ﾔﾏﾀﾞ`, end `ﾔﾏﾀﾞ(ｶ`, middle
 * `ﾔﾏﾀﾞ(ｶ)ﾁﾊﾞｼﾃﾝ`. The official 全銀協 master list itself was not available; entries marked
 * "unconfirmed" come from practice, not from a published table.
 */
import { isNfkcStableKanaOrAscii } from './normalize.js';

export interface LegalForm {
  /** Stable id (English). */
  readonly id: string;
  /** The legal form in Japanese. */
  readonly ja: string;
  /** The abbreviation in transfer names (full-width katakana, as after normalisation). */
  readonly abbreviation: string;
  /** Spelled-out kana forms found in masters (カブシキガイシヤ …), after normalisation. */
  readonly spelled: readonly string[];
  /** Kanji forms found in customer names (株式会社, (株) …). */
  readonly kanji: readonly string[];
  /** 'legal' = 法人格, 'office' = 営業所略語, 'business' = 事業略語. */
  readonly kind: 'legal' | 'office' | 'business';
}

export const LEGAL_FORMS: readonly LegalForm[] = [
  {
    id: 'kabushiki',
    ja: '株式会社',
    abbreviation: 'カ',
    spelled: ['カブシキガイシヤ', 'カブシキカイシヤ'],
    kanji: ['株式会社', '(株)'],
    kind: 'legal',
  },
  {
    id: 'yugen',
    ja: '有限会社',
    abbreviation: 'ユ',
    spelled: ['ユウゲンガイシヤ', 'ユウゲンカイシヤ'],
    kanji: ['有限会社', '(有)'],
    kind: 'legal',
  },
  {
    id: 'gomei',
    ja: '合名会社',
    abbreviation: 'メ',
    spelled: ['ゴウメイガイシヤ', 'ゴウメイカイシヤ'],
    kanji: ['合名会社', '(名)'],
    kind: 'legal',
  },
  {
    id: 'goshi',
    ja: '合資会社',
    abbreviation: 'シ',
    spelled: ['ゴウシガイシヤ', 'ゴウシカイシヤ'],
    kanji: ['合資会社', '(資)'],
    kind: 'legal',
  },
  {
    id: 'godo',
    ja: '合同会社',
    abbreviation: 'ド',
    spelled: ['ゴウドウガイシヤ', 'ゴウドウカイシヤ'],
    kanji: ['合同会社', '(同)'],
    kind: 'legal',
  },
  // 医療法人社団・医療法人財団・社会医療法人 are all イ) (別表 第5条関係); the longer spellings are
  // tried first, so イリヨウホウジンシヤダン is not read as イリヨウホウジン + a name starting シヤダン.
  {
    id: 'iryo',
    ja: '医療法人',
    abbreviation: 'イ',
    spelled: ['イリヨウホウジンシヤダン', 'イリヨウホウジンザイダン', 'シヤカイイリヨウホウジン', 'イリヨウホウジン'],
    kanji: ['医療法人社団', '医療法人財団', '社会医療法人', '医療法人', '(医)'],
    kind: 'legal',
  },
  // 一般・公益 財団法人 and 社団法人 share the abbreviation of 財団法人 (ザイ) and 社団法人 (シヤ).
  {
    id: 'zaidan',
    ja: '財団法人',
    abbreviation: 'ザイ',
    spelled: ['イツパンザイダンホウジン', 'コウエキザイダンホウジン', 'ザイダンホウジン'],
    kanji: ['一般財団法人', '公益財団法人', '財団法人', '(財)'],
    kind: 'legal',
  },
  {
    id: 'shadan',
    ja: '社団法人',
    abbreviation: 'シヤ',
    spelled: ['イツパンシヤダンホウジン', 'コウエキシヤダンホウジン', 'シヤダンホウジン'],
    kanji: ['一般社団法人', '公益社団法人', '社団法人', '(社)'],
    kind: 'legal',
  },
  { id: 'shukyo', ja: '宗教法人', abbreviation: 'シユウ', spelled: ['シユウキヨウホウジン'], kanji: ['宗教法人', '(宗)'], kind: 'legal' },
  { id: 'gakko', ja: '学校法人', abbreviation: 'ガク', spelled: ['ガツコウホウジン'], kanji: ['学校法人', '(学)'], kind: 'legal' },
  {
    id: 'fukushi',
    ja: '社会福祉法人',
    abbreviation: 'フク',
    spelled: ['シヤカイフクシホウジン'],
    kanji: ['社会福祉法人', '(福)'],
    kind: 'legal',
  },
  { id: 'sogo', ja: '相互会社', abbreviation: 'ソ', spelled: ['ソウゴガイシヤ'], kanji: ['相互会社'], kind: 'legal' },
  { id: 'kosei', ja: '更生保護法人', abbreviation: 'ホゴ', spelled: [], kanji: ['更生保護法人'], kind: 'legal' },
  {
    id: 'npo',
    ja: '特定非営利活動法人',
    abbreviation: 'トクヒ',
    spelled: ['トクテイヒエイリカツドウホウジン'],
    kanji: ['特定非営利活動法人', 'NPO法人'],
    kind: 'legal',
  },
  { id: 'dokugyo', ja: '独立行政法人', abbreviation: 'ドク', spelled: [], kanji: ['独立行政法人'], kind: 'legal' },
  { id: 'chidoku', ja: '地方独立行政法人', abbreviation: 'チドク', spelled: [], kanji: ['地方独立行政法人'], kind: 'legal' },
  { id: 'bengoshi', ja: '弁護士法人', abbreviation: 'ベン', spelled: [], kanji: ['弁護士法人'], kind: 'legal' },
  { id: 'chukan', ja: '中間法人', abbreviation: 'チユウ', spelled: [], kanji: ['有限責任中間法人', '無限責任中間法人'], kind: 'legal' },
  { id: 'gyosei', ja: '行政書士法人', abbreviation: 'ギヨ', spelled: [], kanji: ['行政書士法人'], kind: 'legal' },
  { id: 'shiho', ja: '司法書士法人', abbreviation: 'シホウ', spelled: [], kanji: ['司法書士法人'], kind: 'legal' },
  { id: 'zeirishi', ja: '税理士法人', abbreviation: 'ゼイ', spelled: [], kanji: ['税理士法人'], kind: 'legal' },
  {
    id: 'daigaku',
    ja: '国立大学法人・公立大学法人',
    abbreviation: 'ダイ',
    spelled: [],
    kanji: ['国立大学法人', '公立大学法人'],
    kind: 'legal',
  },
  { id: 'noji', ja: '農事組合法人', abbreviation: 'ノウ', spelled: ['ノウジクミアイホウジン'], kanji: ['農事組合法人'], kind: 'legal' },
  // 農業協同組合: ノウキヨウ is how 全銀 names write it in bank-name fields (0o0d.com 金融機関名称の
  // カナ記入方法); as a payer's 法人略語 it is unconfirmed (not in the bank pages' tables).
  {
    id: 'nokyo',
    ja: '農業協同組合',
    abbreviation: 'ノウキヨウ',
    spelled: ['ノウギヨウキヨウドウクミアイ'],
    kanji: ['農業協同組合'],
    kind: 'legal',
  },
  { id: 'sharoshi', ja: '社会保険労務士法人', abbreviation: 'ロウム', spelled: [], kanji: ['社会保険労務士法人'], kind: 'legal' },
  { id: 'kanri', ja: '管理組合法人', abbreviation: 'カンリ', spelled: [], kanji: ['管理組合法人'], kind: 'legal' },
  { id: 'eigyosho', ja: '営業所', abbreviation: 'エイ', spelled: [], kanji: ['営業所'], kind: 'office' },
  { id: 'shutchosho', ja: '出張所', abbreviation: 'シユツ', spelled: [], kanji: ['出張所'], kind: 'office' },
  { id: 'rengokai', ja: '連合会', abbreviation: 'レン', spelled: [], kanji: ['連合会'], kind: 'business' },
  { id: 'kyodokumiai', ja: '協同組合', abbreviation: 'キヨウクミ', spelled: [], kanji: ['協同組合'], kind: 'business' },
  { id: 'kaijo', ja: '海上火災保険', abbreviation: 'カイジヨウ', spelled: [], kanji: ['海上火災保険'], kind: 'business' },
  { id: 'kasai', ja: '火災海上保険', abbreviation: 'カサイ', spelled: [], kanji: ['火災海上保険'], kind: 'business' },
  { id: 'kenpo', ja: '健康保険組合', abbreviation: 'ケンポ', spelled: [], kanji: ['健康保険組合'], kind: 'business' },
  { id: 'kokuho', ja: '国民健康保険組合', abbreviation: 'コクホ', spelled: [], kanji: ['国民健康保険組合'], kind: 'business' },
  {
    id: 'kokuhoren',
    ja: '国民健康保険団体連合会',
    abbreviation: 'コクホレン',
    spelled: [],
    kanji: ['国民健康保険団体連合会'],
    kind: 'business',
  },
  { id: 'kosei_nenkin', ja: '厚生年金基金', abbreviation: 'コウネン', spelled: [], kanji: ['厚生年金基金'], kind: 'business' },
  { id: 'rodokumiai', ja: '労働組合', abbreviation: 'ロウクミ', spelled: [], kanji: ['労働組合'], kind: 'business' },
  { id: 'shokuhan', ja: '食糧販売協同組合', abbreviation: 'シヨクハンキヨウ', spelled: [], kanji: ['食糧販売協同組合'], kind: 'business' },
  {
    id: 'nokyoren',
    ja: '農業協同組合連合会',
    abbreviation: 'ノウキヨウレン',
    spelled: [],
    kanji: ['農業協同組合連合会'],
    kind: 'business',
  },
  {
    id: 'kyosairen',
    ja: '共済農業協同組合連合会',
    abbreviation: 'キヨウサイレン',
    spelled: [],
    kanji: ['共済農業協同組合連合会'],
    kind: 'business',
  },
  { id: 'gyoren', ja: '漁業協同組合連合会', abbreviation: 'ギヨレン', spelled: [], kanji: ['漁業協同組合連合会'], kind: 'business' },
  { id: 'kyosai', ja: '共済組合', abbreviation: 'キヨウサイ', spelled: [], kanji: ['共済組合'], kind: 'business' },
  { id: 'seimei', ja: '生命保険', abbreviation: 'セイメイ', spelled: [], kanji: ['生命保険'], kind: 'business' },
  { id: 'shakyo', ja: '社会福祉協議会', abbreviation: 'シヤキヨウ', spelled: [], kanji: ['社会福祉協議会'], kind: 'business' },
  {
    id: 'shaho',
    ja: '社会保険診療報酬支払基金',
    abbreviation: 'シヤホ',
    spelled: [],
    kanji: ['社会保険診療報酬支払基金'],
    kind: 'business',
  },
];

/** Longest abbreviation first, so シヤ) is not read as シ) followed by ヤ. */
const BY_ABBREVIATION = new Map(LEGAL_FORMS.map((f) => [f.abbreviation, f] as const));
const ABBREVIATIONS = [...BY_ABBREVIATION.keys()].sort((a, b) => b.length - a.length);
const alternation = ABBREVIATIONS.join('|');
export const LEADING_ABBREVIATION = new RegExp(`^(${alternation})\\)`);
export const TRAILING_ABBREVIATION = new RegExp(`\\((${alternation})\\)?$`);
export const MIDDLE_ABBREVIATION = new RegExp(`\\((${alternation})\\)`);

/**
 * The legal form an abbreviation stands for.
 * @example legalFormByAbbreviation('カ')?.ja // '株式会社'
 */
export function legalFormByAbbreviation(abbreviation: string): LegalForm | undefined {
  return BY_ABBREVIATION.get(abbreviation);
}

const SPELLED = LEGAL_FORMS.flatMap((f) => f.spelled.map((s) => [s, f] as const)).sort((a, b) => b[0].length - a[0].length);
const KANJI = LEGAL_FORMS.filter((f) => f.kind === 'legal')
  .flatMap((f) => f.kanji.map((k) => [k, f] as const))
  .sort((a, b) => b[0].length - a[0].length);

/**
 * A spelled-out form (カブシキガイシヤ) at the start or end of a normalised kana name.
 * @example spelledLegalForm('カブシキガイシヤヤマダ')?.rest // 'ヤマダ'
 */
export function spelledLegalForm(name: string): { form: LegalForm; rest: string; position: 'start' | 'end' } | undefined {
  if (name === '') return undefined;
  // Only the spellings starting with the name's first character or ending with its last can
  // match; both lists keep SPELLED's order (longest first), merged so that the first spelling
  // in that order wins, its start before its end, as a scan of every spelling would.
  const starts = SPELLED_BY_FIRST.get(name.charAt(0));
  const ends = SPELLED_BY_LAST.get(name.charAt(name.length - 1));
  if (starts === undefined && ends === undefined) return undefined;
  const s = starts ?? NONE;
  const e = ends ?? NONE;
  let i = 0;
  let j = 0;
  while (i < s.length || j < e.length) {
    const a = i < s.length ? (s[i] as number) : SPELLED.length;
    const b = j < e.length ? (e[j] as number) : SPELLED.length;
    if (a <= b) {
      i++;
      const [spelled, form] = SPELLED[a] as (typeof SPELLED)[number];
      if (name.startsWith(spelled)) return { form, rest: name.slice(spelled.length), position: 'start' };
    } else {
      j++;
      const [spelled, form] = SPELLED[b] as (typeof SPELLED)[number];
      if (name.endsWith(spelled)) return { form, rest: name.slice(0, -spelled.length), position: 'end' };
    }
  }
  return undefined;
}

/** Positions in SPELLED by a spelling's first character, and by its last, in SPELLED's order. */
const SPELLED_BY_FIRST = positionsBy((s) => s.charAt(0));
const SPELLED_BY_LAST = positionsBy((s) => s.charAt(s.length - 1));
const NONE: readonly number[] = [];
function positionsBy(charOf: (spelled: string) => string): ReadonlyMap<string, readonly number[]> {
  const map = new Map<string, number[]>();
  SPELLED.forEach(([spelled], i) => {
    const c = charOf(spelled);
    const list = map.get(c);
    if (list) list.push(i);
    else map.set(c, [i]);
  });
  return map;
}

/**
 * The legal form written in a kanji customer name (株式会社, ㈱, (有) …), if any.
 * @example legalFormOfName('株式会社山田商事')?.id // 'kabushiki'
 */
export function legalFormOfName(name: string): LegalForm | undefined {
  return legalFormInName(name)?.form;
}

/**
 * legalFormOfName, and whether the name starts with the form (株式会社山田) or not (山田株式会社).
 * @example legalFormInName('山田商事株式会社')?.atStart // false
 */
export function legalFormInName(name: string): { form: LegalForm; atStart: boolean } | undefined {
  const n = nfkcStable(name) ? name : name.normalize('NFKC');
  const found = KANJI.find(([k]) => n.includes(k));
  // As written: ㈱山田 (NFKC (株)山田) starts with its form as much as 株式会社山田 does.
  return found && { form: found[1], atStart: n.startsWith(found[0]) };
}

/**
 * True when NFKC leaves the text as it is because every character is printable ASCII, a CJK
 * unified ideograph (U+4E00–9FFF) or a full-width kana that has no decomposition: most company
 * names in a customer master, which then skip normalize() (㈱, full-width letters and
 * compatibility ideographs do not, and take it).
 */
function nfkcStable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(isNfkcStableKanaOrAscii(c) || (c >= 0x4e00 && c <= 0x9fff))) return false;
  }
  return true;
}
