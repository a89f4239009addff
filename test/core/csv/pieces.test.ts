/**
 * Reading a file a piece at a time (decodePieces, scanCsvPieces, readRows) gives exactly what
 * reading it whole gives: the same text, records, lines, syntax problems and cell problems.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChunkedBytes,
  decodePieces,
  decodeText,
  EncodingDetector,
  encodeCp932,
  firstBytes,
  pieceDecoder,
  wholeBytes,
} from '../../../core/csv/encoding.js';
import { type CsvSyntaxProblem, scanCsv, scanCsvPieces } from '../../../core/csv/parse.js';
import { readTable } from '../../../core/csv/table.js';
import { text } from '../../../core/csv/columns.js';
import { readOpenItemRows } from '../../../core/reconcile/open-items.js';
import { csvAsXlsx } from '../../helpers/xlsx.js';

/** decodeText as it was, whole: the reference. */
function wholeDecode(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis')
      .decode(bytes)
      .replace(
        /[\u2212\u301C\u2016\u00A2\u00A3\u00AC]/g,
        (c) =>
          ({ '\u2212': '\uFF0D', '\u301C': '\uFF5E', '\u2016': '\u2225', '\u00A2': '\uFFE0', '\u00A3': '\uFFE1', '\u00AC': '\uFFE2' })[c] ??
          c,
      );
  }
}

/** Bytes of more than one 48 KB piece, a two-byte character or a stray byte at any offset. */
const bigBytes = fc
  .record({
    unit: fc.constantFrom('ｶ)ﾔﾏﾀﾞ,山田商事,－〜,1234\r\n', 'abc,"x\r\ny",漢字\n', 'あいう,\u2212\n'),
    shift: fc.nat({ max: 7 }),
    encoding: fc.constantFrom('cp932', 'utf-8', 'utf-8-bom', 'broken'),
  })
  .map(({ unit, shift, encoding }) => {
    const body = 'x'.repeat(shift) + unit.repeat(Math.ceil(100_000 / unit.length));
    if (encoding === 'cp932') return encodeCp932(body.replace(/\u2212/g, '\uFF0D'));
    const utf8 = new TextEncoder().encode(body);
    if (encoding === 'utf-8') return utf8;
    if (encoding === 'utf-8-bom') return new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    // A Shift_JIS lead byte at the very end: neither encoding reads it whole.
    const sjis = encodeCp932(body.replace(/\u2212/g, '\uFF0D'));
    return new Uint8Array([...sjis, 0x82]);
  });

describe('decodePieces', () => {
  it('joins to the whole decoding, a character cut by a piece end kept whole, the encoding detected the same (property)', () => {
    fc.assert(
      fc.property(bigBytes, (bytes) => {
        const { pieces, encoding } = decodePieces(bytes);
        const list = [...pieces];
        expect(list.length).toBeGreaterThan(1);
        expect(list.join('')).toBe(wholeDecode(bytes));
        expect(decodeText(bytes).text).toBe(wholeDecode(bytes));
        expect(encoding).toBe(decodeText(bytes).encoding);
      }),
      { numRuns: 30 },
    );
  });

  it('takes an encoding found before for the same bytes, and readTable with it reads the same rows', () => {
    const bytes = encodeCp932('名前,金額\r\nヤマダ,100\r\n');
    const found = decodePieces(bytes).encoding;
    expect(found).toBe('shift_jis');
    expect(decodePieces(bytes, found).encoding).toBe('shift_jis');
    expect([...decodePieces(bytes, found).pieces].join('')).toBe('名前,金額\r\nヤマダ,100\r\n');
    // Taken as given, not looked for again: the same bytes said to be UTF-8 read as UTF-8.
    expect([...decodePieces(bytes, 'utf-8').pieces].join('')).toContain('\uFFFD');
    const schema = { name: text('名前'), amount: text('金額') };
    expect(readTable(bytes, schema, { file: 'x.csv', encoding: found }).rows).toEqual(readTable(bytes, schema, { file: 'x.csv' }).rows);
  });
});

/** Pieces of something `length` long, cut at the given offsets (each taken modulo length + 1). */
function cutAt<T>(length: number, cuts: readonly number[], slice: (from: number, to?: number) => T): T[] {
  const at = [...new Set(cuts.map((c) => c % (length + 1)))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let from = 0;
  for (const c of at) {
    pieces.push(slice(from, c));
    from = c;
  }
  pieces.push(slice(from));
  return pieces;
}

describe('EncodingDetector and pieceDecoder: a stream read in pieces of any size', () => {
  /** The bytes cut at the given offsets (a cut may fall inside a BOM or a two-byte character). */
  const cut = (bytes: Uint8Array, cuts: readonly number[]) => cutAt(bytes.length, cuts, (from, to) => bytes.subarray(from, to));
  const small = fc
    .record({
      text: fc
        .array(fc.constantFrom('a', ',', '\r\n', 'ｶ', 'ﾂｱ', '山', '－', '\u2212', '〜', '\uFEFF'), { maxLength: 12 })
        .map((a) => a.join('')),
      encoding: fc.constantFrom('cp932', 'utf-8', 'utf-8-bom', 'broken'),
    })
    .map(({ text, encoding }) => {
      const sjis = () => encodeCp932(text.replace(/\u2212/g, '\uFF0D').replace(/\uFEFF/g, ''));
      if (encoding === 'cp932') return sjis();
      const utf8 = new TextEncoder().encode(text);
      if (encoding === 'utf-8') return utf8;
      if (encoding === 'utf-8-bom') return new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
      return new Uint8Array([...sjis(), 0x82]);
    });

  it('detects what decodeText detects and decodes its text, the bytes cut anywhere (property)', () => {
    fc.assert(
      fc.property(fc.oneof(small, bigBytes), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
        const pieces = cut(bytes, cuts);
        const detector = new EncodingDetector();
        for (const p of pieces) if (!detector.push(p)) break;
        const whole = decodeText(bytes);
        expect(detector.result()).toBe(whole.encoding);
        const decode = pieceDecoder(whole.encoding);
        expect(pieces.map((p) => decode(p, true)).join('') + decode(new Uint8Array(0), false)).toBe(whole.text);
      }),
      { numRuns: 300 },
    );
  });

  it('decides at a BOM, or once runs that are not UTF-8 clearly outweigh the valid text, and reads nothing more', () => {
    const d = new EncodingDetector();
    expect(d.push(new TextEncoder().encode('abc,山田\n'))).toBe(true);
    expect(d.push(encodeCp932('ｶ)ﾔﾏﾀﾞ,'))).toBe(true);
    expect(d.push(encodeCp932('山田商事,ｶ)ｽｽﾞｷ,東京都,請求書,ﾕ)ｷﾖｳﾄ,ｱｲｳ,千代田区,丸の内\n'))).toBe(false);
    expect(d.push(new TextEncoder().encode('山田'))).toBe(false);
    expect(d.result()).toBe('shift_jis');
    const bom = new EncodingDetector();
    expect(bom.push(new Uint8Array([0xef, 0xbb]))).toBe(true);
    expect(bom.push(new Uint8Array([0xbf, 0x41]))).toBe(false);
    expect(bom.result()).toBe('utf-8-bom');
    // Half-width ﾂｱ in Shift_JIS (C2 B1) is valid UTF-8 (±): only the whole file decides.
    const kana = new EncodingDetector();
    expect(kana.push(encodeCp932('ﾂｱ'))).toBe(true);
    expect(kana.result()).toBe('utf-8');
    expect(new EncodingDetector().result()).toBe('utf-8');
    // One bad run among UTF-8 text of a few words: UTF-8, the bad bytes read as U+FFFD.
    const mixed = new EncodingDetector();
    mixed.push(new TextEncoder().encode('社員番号,氏名,基本給\n1,'));
    mixed.push(encodeCp932('ｽｽﾞｷ'));
    mixed.push(new TextEncoder().encode(',1000\n'));
    expect(mixed.result()).toBe('utf-8');
  });
});

function scanWhole(input: string) {
  const records: [number, string[]][] = [];
  const problems: CsvSyntaxProblem[] = [];
  scanCsv(input, (f, l) => records.push([l, f]), problems);
  return { records, problems };
}

function scanCut(input: string, cuts: number[]) {
  const pieces = cutAt(input.length, cuts, (from, to) => input.slice(from, to));
  const records: [number, string[]][] = [];
  const problems: CsvSyntaxProblem[] = [];
  const texts: string[] = [];
  scanCsvPieces(
    pieces,
    (f, l) => records.push([l, f]),
    problems,
    (t) => texts.push(t),
  );
  return { records, problems, texts };
}

describe('scanCsvPieces', () => {
  const csvText = fc
    .array(fc.constantFrom('a', 'b', ',', '"', '""', '\r', '\n', '\r\n', 'ｶ)ﾔﾏﾀﾞ', '山', '\uFEFF', ' '), { maxLength: 40 })
    .map((parts) => parts.join(''));

  it('reads the records, lines and problems of the whole text, wherever the pieces are cut (property)', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 6 }), (input, cuts) => {
        const { records, problems } = scanCut(input, cuts);
        expect({ records, problems }).toEqual(scanWhole(input));
      }),
      { numRuns: 2_000 },
    );
  });

  it('cut after a CR, a delimiter, inside a quote or a doubled quote: the same records', () => {
    const input = 'a,"b\r\nc""d",e\r\nf,g,\rh\r\n"i"';
    for (let c = 0; c <= input.length; c++) expect(scanCut(input, [c]).records).toEqual(scanWhole(input).records);
    expect(scanWhole(input).records).toEqual([
      [1, ['a', 'b\r\nc"d', 'e']],
      [3, ['f', 'g', '']],
      [4, ['h']],
      [5, ['i']],
    ]);
  });

  it('reads a long record again only as it doubles: the text read in all is at most a few times the input, whatever the records', () => {
    const total = (input: string) => {
      const pieces = Array.from({ length: Math.ceil(input.length / 48_000) }, (_, i) => input.slice(i * 48_000, (i + 1) * 48_000));
      const texts: number[] = [];
      const records: [number, string[]][] = [];
      const problems: CsvSyntaxProblem[] = [];
      scanCsvPieces(
        pieces,
        (f, l) => records.push([l, f]),
        problems,
        (t) => texts.push(t.length),
      );
      expect({ records, problems }).toEqual(scanWhole(input));
      return texts.reduce((s, n) => s + n, 0) / input.length;
    };
    // Records just under a megabyte, an unclosed quote early, a field of 3 million characters.
    const long = `a,${'x'.repeat(999_000)}\n`;
    expect(total(`h\n${long.repeat(4)}`)).toBeLessThan(4);
    expect(total(`a,b\r\n"never closed,${'x'.repeat(3_000_000)}`)).toBeLessThan(4);
    expect(total(`a,"${'y'.repeat(3_000_000)}",b\r\nc\r\n`)).toBeLessThan(4);
    const unclosed = scanWhole(`a,b\r\n"never closed,${'x'.repeat(10)}`);
    expect(unclosed.problems).toEqual([{ line: 2, message_ja: '引用符が閉じていません', message_en: 'unterminated quoted field' }]);
  });
});

describe('readTable over pieces', () => {
  it('refuses a control character in a cell far into a large file, and only that row', () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `N${i},${i === 25_000 ? 'ヤマダ\u0007' : 'ヤマダ'}`);
    const bytes = encodeCp932(`id,name\r\n${rows.join('\r\n')}\r\n`);
    expect(bytes.length).toBeGreaterThan(4 * 48 * 1024);
    const t = readTable(bytes, { id: text('id'), name: text('name') }, { file: 'big.csv' });
    expect(t.rows).toHaveLength(29_999);
    expect(t.problems.map((p) => [p.row, p.column])).toEqual([[25_002, 'name']]);
    expect(t.encoding).toBe('shift_jis');
  });
});

/**
 * `bytes` as a host reading a file in chunks gives them: cut at the given offsets, each chunk in
 * one buffer that the next overwrites (a reader that kept a chunk past the next would read
 * another chunk's bytes), read again from the start at each chunks().
 */
function chunked(bytes: Uint8Array, cuts: readonly number[]): ChunkedBytes & { readonly bytesRead: () => number } {
  let read = 0;
  return {
    byteLength: bytes.length,
    bytesRead: () => read,
    *chunks() {
      const buffer = new Uint8Array(bytes.length + 1);
      for (const piece of cutAt(bytes.length, cuts, (from, to) => bytes.subarray(from, to))) {
        read += piece.length;
        buffer.fill(0xff);
        buffer.set(piece);
        yield buffer.subarray(0, piece.length);
      }
    },
  };
}

describe('bytes that come in chunks (ChunkedBytes: a file read from disk into one reused buffer)', () => {
  it('decode to the same text, in the same encoding, as the bytes whole, the chunks cut anywhere (property)', () => {
    fc.assert(
      fc.property(bigBytes, fc.array(fc.nat({ max: 200_000 }), { maxLength: 12 }), (bytes, cuts) => {
        const whole = decodePieces(bytes);
        const inChunks = decodePieces(chunked(bytes, cuts));
        expect(inChunks.encoding).toBe(whole.encoding);
        expect([...inChunks.pieces].join('')).toBe(wholeDecode(bytes));
      }),
      { numRuns: 25 },
    );
  });

  it('are detected as the whole is however they are cut: a UTF-8 file with a few Shift_JIS cells near a chunk end (property)', () => {
    // ASCII rows to near the first megabyte, eight cells pasted from a Shift_JIS export, more
    // ASCII past it, then UTF-8 names: read whole, UTF-8 with eight bad cells. Where the detector
    // looks between pieces must not depend on where a host's chunks end.
    const ascii = (n: number) => new TextEncoder().encode('INV-0001,C1,ABC,100\r\n'.repeat(n));
    const pasted = Array.from({ length: 8 }, () => [...ascii(1), 0x82, 0xa0, 0x0d, 0x0a]).flat();
    const bytes = new Uint8Array([
      ...ascii(49_500),
      ...pasted,
      ...ascii(1_000),
      ...new TextEncoder().encode('INV-0002,C2,山田商事,200\r\n'.repeat(400)),
    ]);
    const whole = decodeText(bytes);
    expect(whole.encoding).toBe('utf-8');
    expect(whole.text.match(/\uFFFD/g)).toHaveLength(16); // 82 A0 is two bad bytes in UTF-8
    const mega = 2 ** 20;
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 6 }), (cuts) => {
        for (const at of [[mega, 2 * mega], cuts]) {
          const inChunks = decodePieces(chunked(bytes, at));
          expect(inChunks.encoding).toBe('utf-8');
          expect([...inChunks.pieces].join('')).toBe(whole.text);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('read into open items: the same rows and the same problems as the file whole', () => {
    const rows = [
      'invoice_id,customer_id,customer_name,customer_kana,issue_date,due_date,amount,payer_names',
      ...Array.from({ length: 3_000 }, (_, i) =>
        i === 2_500
          ? `INV-${i},C${i % 7},山田商事,ヤマダ,2026-05-01,2026-05-31,十二,ﾔﾏﾀﾞ`
          : `INV-${String(i).padStart(5, '0')},C${i % 7},"山田商事, 本社",ヤマダ,2026-05-01,2026-05-31,${1_000 + i},ﾔﾏﾀﾞ|ｵﾔｶﾞｲｼﾔ`,
      ),
    ];
    const bytes = encodeCp932(`${rows.join('\r\n')}\r\n`);
    const whole = readOpenItemRows(bytes, 'open.csv');
    const source = chunked(bytes, [1, 4_097, 4_098, 60_000, 131_071]);
    const read = readOpenItemRows(source, 'open.csv');
    expect(read.rows.items()).toEqual(whole.rows.items());
    expect(read.rows.length).toBe(2_999);
    expect(read.problems).toEqual(whole.problems);
    expect(read.problems.map((p) => [p.row, p.column])).toEqual([[2_502, 'amount']]);
    // The file once, and its first chunks twice more (a workbook's signature; Shift_JIS known from its
    // first pieces of 48 KB, the chunk that ends one read whole), not twice over.
    expect(bytes.length).toBeGreaterThan(200_000);
    expect(source.bytesRead()).toBeGreaterThan(bytes.length);
    expect(source.bytesRead()).toBeLessThan(bytes.length + 140_000);
  });

  it('tell a workbook by its first bytes, and refuse it as CSV as when given whole', () => {
    const xlsx = csvAsXlsx('invoice_id,amount\r\nINV-1,100\r\n');
    const source = chunked(xlsx, [2, 3, 100]);
    expect([...firstBytes(source, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(firstBytes(chunked(new Uint8Array([1, 2]), [1]), 4)).toEqual(new Uint8Array([1, 2]));
    expect(wholeBytes(source)).toEqual(xlsx);
    expect(readOpenItemRows(source, 'open.csv').problems).toEqual(readOpenItemRows(xlsx, 'open.csv').problems);
    expect(readOpenItemRows(source, 'open.csv').problems[0]?.message_en).toContain('Excel workbook');
  });
});
