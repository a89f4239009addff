import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareNames,
  kanaNfkc,
  kanaKey,
  LONG_VOWEL_OR_DASH,
  legalFormOfName,
  normalizeKana,
  normalizePayerName,
  parseCustomerName,
  parsePayerName,
} from '../../../core/kana/index.js';

describe('normalizeKana', () => {
  it('turns half-width katakana into full-width and composes voiced marks', () => {
    expect(normalizeKana('ｶ)ﾔﾏﾀﾞ ｼﾖｳｼﾞ')).toBe('カ)ヤマダ ショウジ'.replace('ョ', 'ヨ'));
  });
  it('folds small kana to full size, as the bank side can only write them', () => {
    expect(normalizeKana('ヤマダショウジ')).toBe('ヤマダシヨウジ');
    expect(normalizeKana('キュウヨ イチロウ')).toBe('キユウヨ イチロウ');
  });
  it('reads hiragana furigana as katakana', () => {
    expect(normalizeKana('やまだ しょうじ')).toBe('ヤマダ シヨウジ');
  });
  it('maps every dash a decoder or payer produces to the long-vowel mark', () => {
    // U+2212 is what a JIS-mapping Shift_JIS decoder makes of 0x817C (MUFG CSV カ−ド).
    for (const dash of ['-', '\u2212', '\u2010', '\u2015', '\uFF0D', 'ｰ', 'ー']) {
      expect(normalizeKana(`ｴ${dash}ﾋﾞ${dash}ｼ${dash}`)).toBe('エービーシー');
    }
  });
  it('turns 中黒 and ideographic spaces into single spaces and upper-cases Latin', () => {
    expect(normalizeKana('ヤマダ・ｔａｒｏ　　abc')).toBe('ヤマダ TARO ABC');
  });
});

describe('kanaKey', () => {
  it('removes long vowels and spaces so ﾎｰﾑ, ﾎ-ﾑ and ﾎﾑ compare equal', () => {
    expect(kanaKey('ﾀﾏ ﾎｰﾑ')).toBe('タマホム');
    expect(kanaKey('ﾀﾏﾎ-ﾑ')).toBe('タマホム');
    expect(kanaKey('タマホーム')).toBe('タマホム');
  });
  it('folds sound-alike kana (ヂ/ジ, ヅ/ズ, ヴ/ブ)', () => {
    expect(kanaKey('ハナヂ')).toBe(kanaKey('ﾊﾅｼﾞ'));
    expect(kanaKey('ヴイ')).toBe(kanaKey('ﾌﾞｲ'));
  });
});

describe('parsePayerName', () => {
  it('reads a leading abbreviation as the legal form (start)', () => {
    const p = parsePayerName('ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ');
    expect([p.key, p.legalForm?.ja, p.legalPosition]).toEqual(['ヤマダシヨウジ', '株式会社', 'start']);
  });
  it('reads a trailing abbreviation (end)', () => {
    const p = parsePayerName('ﾔﾏﾀﾞｼﾖｳｼﾞ(ﾕ');
    expect([p.key, p.legalForm?.ja, p.legalPosition]).toEqual(['ヤマダシヨウジ', '有限会社', 'end']);
  });
  it('reads (ｶ)ﾔﾏﾀﾞ — parentheses on both sides, as masters and payers often type it — as the start form', () => {
    for (const text of ['(ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ', '(カ)ヤマダショウジ']) {
      const p = parsePayerName(text);
      expect([p.key, p.legalForm?.ja, p.legalPosition, p.branch]).toEqual(['ヤマダシヨウジ', '株式会社', 'start', '']);
    }
  });
  it('reads the 事業略語 of the 全銀協 list: 農業協同組合連合会, 漁業協同組合連合会, 海上火災保険 …', () => {
    const forms = ['ﾎﾂｶｲﾄﾞｳ(ﾉｳｷﾖｳﾚﾝ', 'ﾐﾔｷﾞ(ｷﾞﾖﾚﾝ', 'ﾄｳｷﾖｳ(ｶｲｼﾞﾖｳ', 'ﾆﾎﾝ(ｶｻｲ', 'ｾﾞﾝｺｸ(ｷﾖｳｻｲﾚﾝ', 'ﾄｳｷﾖｳ(ｼﾖｸﾊﾝｷﾖｳ'].map((t) => [
      parsePayerName(t).legalForm?.ja,
      parsePayerName(t).legalPosition,
    ]);
    expect(forms).toEqual([
      ['農業協同組合連合会', 'end'],
      ['漁業協同組合連合会', 'end'],
      ['海上火災保険', 'end'],
      ['火災海上保険', 'end'],
      ['共済農業協同組合連合会', 'end'],
      ['食糧販売協同組合', 'end'],
    ]);
  });
  it('reads a middle abbreviation and keeps the branch after it', () => {
    const p = parsePayerName('ﾔﾏﾀﾞ(ｶ)ﾁﾊﾞｼﾃﾝ');
    expect([p.key, p.legalForm?.ja, p.legalPosition, p.branch]).toEqual(['ヤマダ', '株式会社', 'middle', 'チバシテン']);
  });
  it('reads 営業所 after a middle abbreviation: ○×(ｶ)△□(ｴｲ', () => {
    const p = parsePayerName('ﾔﾏﾀﾞ(ｶ)ﾁﾊﾞ(ｴｲ');
    expect([p.key, p.legalForm?.ja, p.branch]).toEqual(['ヤマダ', '株式会社', 'チバ']);
  });
  it('takes the longest abbreviation: ｼﾔ) is 社団法人, not 合資会社', () => {
    expect(parsePayerName('ｼﾔ)ﾆﾎﾝｷﾖｳｶｲ').legalForm?.ja).toBe('社団法人');
    expect(parsePayerName('ｼ)ﾆﾎﾝｼﾖｳｶｲ').legalForm?.ja).toBe('合資会社');
    expect(parsePayerName('ﾄｸﾋ)ﾐﾄﾞﾘﾉｶｲ').legalForm?.ja).toBe('特定非営利活動法人');
  });
  it('strips noise words and keeps a leading 振込依頼人番号 apart', () => {
    const p = parsePayerName('ﾌﾘｺﾐ 1234567 ｶ)ﾀﾏﾎｰﾑ');
    expect([p.key, p.payerNumber, p.legalForm?.id]).toEqual(['タマホム', '1234567', 'kabushiki']);
    expect(parsePayerName('振込＊トウデンＰＧ').key).toBe('トウデンPG');
  });
  it('counts the written length as the bank does (voiced kana count twice)', () => {
    expect(parsePayerName('ｶﾞｸ)ﾔﾏ').writtenLength).toBe(6);
    expect(parsePayerName('ガク)ヤマ').writtenLength).toBe(6);
  });
  it('reads a spelled-out legal form in master furigana', () => {
    const p = parsePayerName('カブシキガイシャ ヤマダショウジ');
    expect([p.key, p.legalForm?.id]).toEqual(['ヤマダシヨウジ', 'kabushiki']);
  });
});

describe('parseCustomerName', () => {
  it('takes the legal form from the kanji name when the kana has none', () => {
    expect(parseCustomerName('ヤマダショウジ', '株式会社山田商事').legalForm?.id).toBe('kabushiki');
    expect(parseCustomerName('ヤマダショウジ', '㈲山田商事').legalForm?.id).toBe('yugen');
    expect(legalFormOfName('山田太郎')).toBeUndefined();
  });
  it('says where the kanji name writes its legal form, as its NFKC form reads (property)', () => {
    expect(parseCustomerName('ヤマダショウジ', '山田商事株式会社').legalPosition).toBe('end');
    expect(parseCustomerName('ヤマダショウジ', '㈱山田商事').legalPosition).toBe('start');
    // One legal form among other pieces: its position read from the name after NFKC, which is
    // what a name that skips normalize() must agree with.
    const forms = {
      株式会社: 'kabushiki',
      有限会社: 'yugen',
      合同会社: 'godo',
      '㈱': 'kabushiki',
      '㈲': 'yugen',
      '（株）': 'kabushiki',
      '(有)': 'yugen',
    };
    const piece = fc.constantFrom('山田', '商事', 'ＡＢＣ', 'ｱｲ', 'カナ', 'やま', ' ', '﨑', 'Co.');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), fc.constantFrom(...Object.keys(forms)), fc.nat(), (pieces, form, at) => {
        const written: string[] = [...pieces];
        written.splice(at % (pieces.length + 1), 0, form);
        const name = written.join('');
        const parsed = parseCustomerName('ヤマダ', name);
        expect(parsed.legalForm?.id).toBe(forms[form as keyof typeof forms]);
        expect(parsed.legalPosition).toBe(name.normalize('NFKC').startsWith(form.normalize('NFKC')) ? 'start' : 'end');
      }),
    );
  });
  it('counts the written length as NFKD does, for bank names and furigana alike (property)', () => {
    const unit = fc.constantFrom(...'ｱｶﾞﾊﾟｰ-()AB1 アガパーあがぱゔヴゝヽ山　\t', '\u3099');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (raw) => {
        expect(parsePayerName(raw).writtenLength).toBe(raw.trimEnd().normalize('NFKD').length);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('compareNames', () => {
  const master = parseCustomerName('ヤマダショウジ', '株式会社山田商事');
  it('matches the same core name across spellings', () => {
    expect(compareNames(parsePayerName('ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'), master)).toBe('exact');
    expect(compareNames(parsePayerName('ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ'), master)).toBe('exact');
  });
  it('refuses a namesake with another legal form', () => {
    expect(compareNames(parsePayerName('ﾕ)ﾔﾏﾀﾞｼﾖｳｼﾞ'), master)).toBe('none');
  });
  it('accepts a name cut at 26 characters as a prefix of the master name', () => {
    const long = parseCustomerName('トウキョウソウゴウケンセツコウギョウホールディングス', '株式会社東京総合建設工業ホールディングス');
    const cut = 'ｶ)ﾄｳｷﾖｳｿｳｺﾞｳｹﾝｾﾂｺｳｷﾞﾖｳﾎｰﾙﾃﾞｲﾝｸﾞｽ'.slice(0, 26);
    expect(cut).toBe('ｶ)ﾄｳｷﾖｳｿｳｺﾞｳｹﾝｾﾂｺｳｷﾞﾖｳﾎｰﾙﾃ');
    expect(compareNames(parsePayerName(cut), long)).toBe('truncated');
  });
  it('does not treat a short name as a cut one', () => {
    expect(compareNames(parsePayerName('ｶ)ﾔﾏﾀﾞ'), master)).toBe('none');
  });
});

describe('normalizePayerName (KANA)', () => {
  it('gives one key for every way a payer writes the name', () => {
    const key = normalizePayerName('ヤマダショウジ');
    for (const variant of ['ﾔﾏﾀﾞｼﾖｳｼﾞ', 'ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞ ｼﾖｳｼﾞ', 'ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ', 'やまだしょうじ', 'ヤマダ・ショウジ']) {
      expect(normalizePayerName(variant)).toBe(key);
    }
  });
  it('is idempotent on its own output (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ｱｲｳｶﾞｷｬｮｯﾔﾏﾀﾞｰ-ｼﾖ (ｶ)ABC12 ') }), (s) => {
        const k = normalizePayerName(s);
        expect(kanaKey(k)).toBe(k);
      }),
    );
  });
});

describe('kanaNfkc', () => {
  const reference = (s: string) => s.replace(LONG_VOWEL_OR_DASH, 'ー').normalize('NFKC');
  // Printable ASCII, every half-width character, every hiragana and katakana (with ゛゜ゟヿ,
  // which NFKC changes), and a few that must send text to normalize().
  const alphabet = [
    ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
    ...Array.from({ length: 0xffa0 - 0xff61 }, (_, i) => String.fromCharCode(0xff61 + i)),
    ...Array.from({ length: 0x3100 - 0x3041 }, (_, i) => String.fromCharCode(0x3041 + i)),
    '山',
    '\u3000',
    '－',
    'ｱ',
  ];

  it('equals NFKC on every one- and two-character text of the alphabet, or declines', () => {
    // It declines only for characters outside its range and for ﾞﾟ that compose with nothing.
    const mayDecline = /[^\x20-\x7e\uff61-\uff9f\u3041-\u3096\u30a1-\u30fc]|[\uff9e\uff9f]/;
    let declined = 0;
    for (const a of alphabet) {
      for (const b of ['', ...alphabet]) {
        const fast = kanaNfkc(a + b);
        if (fast === undefined) {
          declined++;
          expect(mayDecline.test(a + b)).toBe(true);
        } else {
          expect(fast).toBe(reference(a + b));
          // Keeping '-' as it is, it is NFKC itself.
          expect(kanaNfkc(a + b, false)).toBe((a + b).normalize('NFKC'));
        }
      }
    }
    expect(declined).toBeGreaterThan(0);
    expect(kanaNfkc('ｶﾞｷﾞｸﾞﾊﾟﾋﾟｳﾞ')).toBe('ガギグパピヴ');
    expect(kanaNfkc('ｱﾞ')).toBeUndefined();
  });

  it('equals NFKC on longer bank-style names', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const fast = kanaNfkc(text);
        if (fast !== undefined) expect(fast).toBe(reference(text));
      }),
      { numRuns: 2_000 },
    );
  });
});
