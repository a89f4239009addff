/**
 * Names for a 全銀 transfer: the 全銀協 character set of fixed-length records is half-width
 * katakana (ｱ–ﾝ, ﾞ, ﾟ), upper-case A–Z, 0–9, space and ( ) . - /. Small kana are written full
 * size (ｯ → ﾂ), ・ becomes a space, the long-vowel mark becomes -, and legal-entity words take the
 * 全銀協 法人略語 (株式会社 → ｶ, at the front as ｶ), at the end as (ｶ, inside as (ｶ)).
 * A character outside the set is refused, never dropped: a mangled name can bounce a salary.
 */
import { type Problem, problem } from '../../errors.js';
import { HOLDER_LENGTH } from './file.js';

export type KanaResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly char: string };

const FULL = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';
const HALF = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｵﾝ';
const VOICED = 'ガギグゲゴザジズゼゾダヂヅデドバビブベボ';
const VOICED_BASE = 'ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ';
const SEMI = 'パピプペポ';
const SEMI_BASE = 'ﾊﾋﾌﾍﾎ';
/** Small kana → full size; ヰ ヱ (old kana) → ｲ ｴ. ヲ is written ｵ above: several banks refuse ｦ. */
const EXTRA: Readonly<Record<string, string>> = {
  ァ: 'ｱ',
  ィ: 'ｲ',
  ゥ: 'ｳ',
  ェ: 'ｴ',
  ォ: 'ｵ',
  ャ: 'ﾔ',
  ュ: 'ﾕ',
  ョ: 'ﾖ',
  ッ: 'ﾂ',
  ヮ: 'ﾜ',
  ヵ: 'ｶ',
  ヶ: 'ｹ',
  ヰ: 'ｲ',
  ヱ: 'ｴ',
  ヴ: 'ｳﾞ',
  '・': ' ',
  '･': ' ',
  ー: '-',
  '‐': '-',
  '−': '-',
  '―': '-',
};

const MAP = new Map<string, string>();
for (let i = 0; i < FULL.length; i++) MAP.set(FULL.charAt(i), HALF.charAt(i));
for (let i = 0; i < VOICED.length; i++) MAP.set(VOICED.charAt(i), `${VOICED_BASE.charAt(i)}ﾞ`);
for (let i = 0; i < SEMI.length; i++) MAP.set(SEMI.charAt(i), `${SEMI_BASE.charAt(i)}ﾟ`);
for (const [k, v] of Object.entries(EXTRA)) MAP.set(k, v);

/**
 * 全銀協 法人略語 (the most common legal forms), kanji and katakana spellings, each form's longer
 * spellings first: 一般社団法人 spelled イッパンシャダンホウジン is ｼﾔ whole (found as シャダンホウジン
 * alone it had left ｲﾂﾊﾟﾝ(ｼﾔ)), and 医療法人社団, 医療法人財団 and 社会医療法人 are ｲ.
 */
const ENTITY_ABBREVIATIONS: readonly (readonly [readonly string[], string])[] = [
  [['特定非営利活動法人', 'トクテイヒエイリカツドウホウジン'], 'ﾄｸﾋ'],
  [['社会福祉法人', 'シャカイフクシホウジン'], 'ﾌｸ'],
  [
    ['医療法人社団', '医療法人財団', '社会医療法人', 'イリョウホウジンシャダン', 'イリョウホウジンザイダン', 'シャカイイリョウホウジン'],
    'ｲ',
  ],
  [['一般社団法人', '公益社団法人', '社団法人', 'イッパンシャダンホウジン', 'コウエキシャダンホウジン', 'シャダンホウジン'], 'ｼﾔ'],
  [['一般財団法人', '公益財団法人', '財団法人', 'イッパンザイダンホウジン', 'コウエキザイダンホウジン', 'ザイダンホウジン'], 'ｻﾞｲ'],
  [['株式会社', 'カブシキガイシャ', 'カブシキカイシャ'], 'ｶ'],
  [['有限会社', 'ユウゲンガイシャ', 'ユウゲンカイシャ'], 'ﾕ'],
  [['合同会社', 'ゴウドウガイシャ', 'ゴウドウカイシャ'], 'ﾄﾞ'],
  [['合名会社', 'ゴウメイガイシャ'], 'ﾒ'],
  [['合資会社', 'ゴウシガイシャ'], 'ｼ'],
  [['医療法人', 'イリョウホウジン'], 'ｲ'],
  [['学校法人', 'ガッコウホウジン'], 'ｶﾞｸ'],
  [['税理士法人', 'ゼイリシホウジン'], 'ｾﾞｲ'],
];

function hiraganaToKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

function abbreviate(s: string): string {
  for (const [words, short] of ENTITY_ABBREVIATIONS) {
    for (const word of words) {
      const at = s.indexOf(word);
      if (at < 0) continue;
      const before = s.slice(0, at).trim();
      const after = s.slice(at + word.length).trim();
      const mark = before === '' ? `${short})` : after === '' ? `(${short}` : `(${short})`;
      return `${before}${mark}${after}`;
    }
  }
  return s;
}

/**
 * Converts a name to the 全銀 half-width set, or names the first character that cannot be.
 * @example toZenginKana('ヤマダ・ハナコ') // {ok: true, value: 'ﾔﾏﾀﾞ ﾊﾅｺ'}
 * @example toZenginKana('株式会社ウラカタ') // {ok: true, value: 'ｶ)ｳﾗｶﾀ'}
 */
export function toZenginKana(text: string): KanaResult {
  // NFKC turns half-width kana into full-width (and joins ｶﾞ into ガ), full-width ASCII into ASCII.
  const normal = abbreviate(hiraganaToKatakana(text.normalize('NFKC').trim()).replace(/\u3000/g, ' '));
  let out = '';
  for (const ch of normal) {
    if (/^[0-9A-Z ().\-/]$/.test(ch)) out += ch;
    else if (/^[a-z]$/.test(ch)) out += ch.toUpperCase();
    else if (/^[\uFF66-\uFF9F]$/.test(ch)) out += ch;
    else {
      const mapped = MAP.get(ch);
      if (mapped === undefined) return { ok: false, char: ch };
      out += mapped;
    }
  }
  return { ok: true, value: out.replace(/ {2,}/g, ' ') };
}

/**
 * The account holder (預金者名 / 受取人名) as a 全銀 record holds it, and what is wrong with it: a
 * character outside the set is an error; a name past 30 characters still pays (the bank compares
 * what the record holds), with a warning naming the cut, so the accountant sees whose name was cut.
 * @example zenginHolder('ヤマダ タロウ', 'employees.csv', 2).value // 'ﾔﾏﾀﾞ ﾀﾛｳ'
 */
export function zenginHolder(holder: string, file: string, row: number, column = 'account_holder'): { value?: string; problem?: Problem } {
  const k = toZenginKana(holder);
  if (!k.ok) {
    return {
      problem: problem(
        file,
        row,
        column,
        holder,
        `「${k.char}」は全銀の半角カナにできません（口座名義をカナで入力してください）`,
        `'${k.char}' cannot be written in Zengin half-width kana (give the account holder in kana)`,
      ),
    };
  }
  const cut = k.value.slice(0, HOLDER_LENGTH);
  if (k.value.length <= HOLDER_LENGTH) return { value: cut };
  return {
    value: cut,
    problem: problem(
      file,
      row,
      column,
      holder,
      `口座名義は全銀データでは${HOLDER_LENGTH}文字までのため、先頭${HOLDER_LENGTH}文字「${cut}」で振り込みます`,
      `the 全銀 record holds ${HOLDER_LENGTH} characters of the account holder: the transfer uses the first ${HOLDER_LENGTH}, "${cut}"`,
      'warning',
    ),
  };
}
