/**
 * A payer name (振込依頼人名) taken apart: noise words, a leading 振込依頼人番号, the 法人略語
 * and a branch suffix come off; what is left is the core name, compared as a key.
 */
import {
  LEADING_ABBREVIATION,
  type LegalForm,
  legalFormByAbbreviation,
  legalFormInName,
  MIDDLE_ABBREVIATION,
  spelledLegalForm,
  TRAILING_ABBREVIATION,
} from './legal-forms.js';
import { keyOfNormalized, normalizeKana } from './normalize.js';

export interface PayerName {
  /** The name as normalised for display (normalizeKana). */
  readonly normalized: string;
  /** The core name as a comparison key: no legal form, no spaces, no long vowels. */
  readonly key: string;
  /** The 法人格 the abbreviation names (株式会社 …), when present. */
  readonly legalForm: LegalForm | undefined;
  /** Where the abbreviation was written: `ｶ)ﾔﾏﾀﾞ` start, `ﾔﾏﾀﾞ(ｶ` end, `ﾔﾏﾀﾞ(ｶ)ﾁﾊﾞｼﾃﾝ` middle. */
  readonly legalPosition: 'start' | 'middle' | 'end' | undefined;
  /** The legal form was written out in kana (イリヨウホウジンシヤダン …), not abbreviated. */
  readonly legalSpelled: boolean;
  /** What followed a middle abbreviation or preceded (ｴｲ: a branch or office (支店・営業所). */
  readonly branch: string;
  /** A leading 振込依頼人番号 (`1234567 ﾔﾏﾀﾞ`), kept as a customer key of its own. */
  readonly payerNumber: string;
  /**
   * Length as the bank counts it (half-width characters; ｶﾞ counts 2). Names are cut at 48
   * characters, or 26 when EDI information travels with the transfer (三菱UFJ銀行 FAQ 811).
   */
  readonly writtenLength: number;
}

/** Words banks put before the payer name in 摘要 (invox 自動消込; common normalisers). */
const NOISE_KANJI_WORDS = ['振込入金', '振替入金', '他行振込', '総合振込', '給与振込', '口座振替', '振込', '振替', '入金'];
const NOISE_KANA_WORDS = ['フリコミ', 'フリカエ', 'デンシン', 'ブンシヨ', 'カード', 'ATM', 'IB', 'EB'];
const NOISE_KANJI = new RegExp(`^(${NOISE_KANJI_WORDS.join('|')})[\\s*]*`);
const NOISE_KANA = new RegExp(`^(${NOISE_KANA_WORDS.join('|')})(\\s+|\\*+)`);
const PAYER_NUMBER = /^(\d{1,10})\s+/;
/** First characters of the noise words: text starting otherwise has none to strip. */
const NOISE_START: ReadonlySet<string> = new Set([...NOISE_KANJI_WORDS, ...NOISE_KANA_WORDS].map((w) => w.charAt(0)));
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The lengths at which banks cut 振込依頼人名: 48 (full field), 40, 37, 30, 26 (with EDI). */
export const TRUNCATION_LENGTHS: ReadonlySet<number> = new Set([26, 30, 37, 40, 48]);

/**
 * Takes a payer name apart.
 * @example parsePayerName('ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ').key // 'ヤマダシヨウジ'
 */
export function parsePayerName(raw: string): PayerName {
  let text = normalizeKana(raw);
  // Each pattern is tried only when the text can hold it (its first character, a space, a
  // parenthesis): 60,000 distinct payers a run, and most hold none of them.
  for (let i = 0; i < 3 && NOISE_START.has(text.charAt(0)); i++) {
    const before = text;
    text = text.replace(NOISE_KANJI, '').replace(NOISE_KANA, '');
    if (text === before) break;
  }
  let payerNumber = '';
  const number = isDigit(text.charCodeAt(0)) ? PAYER_NUMBER.exec(text) : null;
  if (number && text.length > number[0].length) {
    payerNumber = number[1] ?? '';
    text = text.slice(number[0].length);
  }
  const normalized = text;
  // normalizeKana leaves no whitespace but single spaces.
  let core = text.includes(' ') ? text.replace(/\s+/g, '') : text;
  const open = core.includes('(');
  let legalForm: LegalForm | undefined;
  let legalPosition: PayerName['legalPosition'];
  let legalSpelled = false;
  let branch = '';

  // 営業所略語 at the end: ﾔﾏﾀﾞ(ｶ)ﾁﾊﾞ(ｴｲ
  const office = open ? TRAILING_ABBREVIATION.exec(core) : null;
  const officeForm = office ? legalFormByAbbreviation(office[1] ?? '') : undefined;
  if (office && officeForm?.kind === 'office') core = core.slice(0, office.index);

  // `ｶ)…` needs a closing parenthesis; `…(ｶ` and `…(ｶ)…` an opening one.
  const lead = core.includes(')') ? LEADING_ABBREVIATION.exec(core) : null;
  const trail = lead || !open ? null : TRAILING_ABBREVIATION.exec(core);
  const middle = lead || trail || !open ? null : MIDDLE_ABBREVIATION.exec(core);
  if (lead) {
    legalForm = legalFormByAbbreviation(lead[1] ?? '');
    legalPosition = 'start';
    core = core.slice(lead[0].length);
  } else if (trail) {
    legalForm = legalFormByAbbreviation(trail[1] ?? '');
    legalPosition = 'end';
    core = core.slice(0, trail.index);
  } else if (middle && middle.index === 0) {
    // `(ｶ)ﾔﾏﾀﾞ`: not the bank's form (`ｶ)ﾔﾏﾀﾞ`) but typed that way in masters and by payers — the start.
    legalForm = legalFormByAbbreviation(middle[1] ?? '');
    legalPosition = 'start';
    core = core.slice(middle[0].length);
  } else if (middle) {
    legalForm = legalFormByAbbreviation(middle[1] ?? '');
    legalPosition = 'middle';
    branch = core.slice(middle.index + middle[0].length);
    core = core.slice(0, middle.index);
  } else {
    const spelled = spelledLegalForm(core);
    if (spelled) {
      legalForm = spelled.form;
      legalPosition = spelled.position;
      legalSpelled = true;
      core = spelled.rest;
    }
  }
  if (officeForm?.kind === 'office') branch = branch || officeForm.ja;
  return {
    normalized,
    key: keyOfNormalized(core),
    legalForm,
    legalPosition,
    legalSpelled,
    branch,
    payerNumber,
    writtenLength: writtenLength(raw),
  };
}

// NFKD length of each hiragana and katakana (ガ → カ + ゛ is 2), read from normalize() itself.
const KANA_NFKD_LENGTH = new Uint8Array(0x3100 - 0x3041);
for (let c = 0x3041; c < 0x3100; c++) KANA_NFKD_LENGTH[c - 0x3041] = String.fromCharCode(c).normalize('NFKD').length;

/**
 * Length as the bank counts it: NFKD splits ｶﾞ-style voiced kana into two. Half-width katakana
 * and ASCII are one character each under NFKD, and full-width kana are counted by table, so for
 * them (nearly every bank name and furigana) the length is counted without normalising.
 */
function writtenLength(raw: string): number {
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 0x20) end--;
  let length = 0;
  for (let i = 0; i < end; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xff61 && c <= 0xff9f)) length++;
    else if (c >= 0x3041 && c <= 0x30ff) length += KANA_NFKD_LENGTH[c - 0x3041] as number;
    else return raw.trimEnd().normalize('NFKD').length;
  }
  return length;
}

/**
 * A customer as the master describes it: the furigana (得意先カナ) gives the key; the legal form
 * comes from the kana (カ)…, カブシキガイシヤ…) or else from the kanji name (株式会社, ㈱).
 * @example parseCustomerName('ヤマダショウジ', '株式会社山田商事').legalForm?.id // 'kabushiki'
 */
export function parseCustomerName(kana: string, name = ''): PayerName {
  const parsed = parsePayerName(kana);
  if (parsed.legalForm || name === '') return parsed;
  const found = legalFormInName(name);
  if (!found) return parsed;
  // Every field written out in parsePayerName's order: one shape for every PayerName.
  return {
    normalized: parsed.normalized,
    key: parsed.key,
    legalForm: found.form,
    legalPosition: found.atStart ? 'start' : 'end',
    legalSpelled: false,
    branch: parsed.branch,
    payerNumber: parsed.payerNumber,
    writtenLength: parsed.writtenLength,
  };
}

/**
 * The payer-name key the KANA spreadsheet function returns: the core name with 法人略語, noise
 * words, spaces and long vowels removed, small kana full size. Two spellings of one payer give
 * the same key, so it can be looked up (XLOOKUP) against a customer list.
 * @example normalizePayerName('ﾌﾘｺﾐ ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ') // 'ヤマダシヨウジ'
 */
export function normalizePayerName(text: string): string {
  return parsePayerName(text).key;
}
