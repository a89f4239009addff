import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvPieces } from '../../../core/csv/write.js';
import {
  date,
  decodeCp932,
  decodeText,
  decimal,
  encodeCp932,
  integer,
  isCp932Encodable,
  neutraliseFormula,
  nonNegativeYen,
  oneOf,
  parseCsv,
  parseYen,
  readTable,
  text,
  toCsvText,
  writeCsv,
  yen,
} from '../../../core/csv/index.js';
import { isError } from '../../../core/errors.js';
import { rate } from '../../../core/money/rate.js';
import { attendanceSchema } from '../../../core/payroll/input.js';

const employees = {
  id: text('employee_id', '社員番号'),
  name: text('name', '氏名'),
  salary: nonNegativeYen('monthly_salary', '基本給'),
  dependents: integer('dependents', '扶養親族等の数').withDefault(0),
  column: oneOf({ 甲: 'kou', 乙: 'otsu', kou: 'kou', otsu: 'otsu' } as const, 'tax_column', '税額表').withDefault('kou'),
  birth: date('birth_date', '生年月日').asOptional(),
};

describe('hours as people type them', () => {
  it('reads 12:30 (h:mm, as a time-formatted cell shows) as exactly 12.5 hours, and decimals as ever; refuses 12:60 and seconds', () => {
    const t = readTable('社員番号,時間外,深夜,法定休日\n1,12:30,7:45,0:20\n2,1.25,31:00,0\n3,12:60,1:00:30,-1:00\n', attendanceSchema, {
      file: 'attendance.csv',
    });
    expect(t.rows.map((r) => [r.value.overtime_hours, r.value.late_night_hours, r.value.holiday_hours])).toEqual([
      [rate(25, 2), rate(31, 4), rate(1, 3)],
      [rate(5, 4), rate(31, 1), rate(0, 1)],
    ]);
    expect(t.problems.map((p) => [p.row, p.column])).toEqual([
      [4, '時間外'],
      [4, '深夜'],
      [4, '法定休日'],
    ]);
  });
});

describe('decoding what banks and Excel write', () => {
  it('decodes a Shift_JIS file with half-width kana', () => {
    // "ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ" in Shift_JIS: half-width kana are single bytes 0xA1–0xDF.
    const bytes = Uint8Array.from([0xb6, 0x29, 0xd4, 0xcf, 0xc0, 0xde, 0xbc, 0xae, 0xb3, 0xbc, 0xde]);
    expect(decodeText(bytes)).toEqual({ text: 'ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ', encoding: 'shift_jis' });
  });

  it('decodes 0x817C as Windows does (U+FF0D), not as U+2212', () => {
    expect(decodeCp932(Uint8Array.from([0x81, 0x7c]))).toBe('\uFF0D');
    expect(decodeCp932(Uint8Array.from([0x81, 0x60]))).toBe('\uFF5E');
  });

  it('round-trips CP932 text, including NEC special characters ①㈱', () => {
    const text = '株式会社山田商事 ①㈱ －～ ｶﾌﾞｼｷｶﾞｲｼｬ';
    expect(decodeCp932(encodeCp932(text))).toBe(text);
  });

  it('encodes ㈱ as Windows does (0x878A, NEC row 13, not IBM 0xFA58) and U+2212 as 0x817C', () => {
    expect([...encodeCp932('㈱')]).toEqual([0x87, 0x8a]);
    expect([...encodeCp932('\u2212')]).toEqual([0x81, 0x7c]);
  });

  it('refuses to encode a character Shift_JIS lacks, naming it', () => {
    expect(isCp932Encodable('𠮷野家')).toBe(false);
    expect(() => encodeCp932('𠮷野家')).toThrow(/𠮷/);
  });

  it('reads a UTF-8 file with one cell of Shift_JIS bytes as UTF-8, and refuses that cell by its row and column', () => {
    // As the employees file of a user who pasted one name from a Shift_JIS export: the rest must
    // not turn to mojibake (every header then missing), and the bad cell must be named.
    const utf8 = (t: string) => new TextEncoder().encode(t);
    const header = '社員番号,氏名,基本給,扶養親族等の数,税額表,生年月日\r\n';
    const rows = ['1001,山田 太郎,380000,2,甲,1980-04-15', '1002,佐藤 花子,250000,0,甲,1995-09-01', '1003,'];
    const bytes = new Uint8Array([
      ...utf8(header + rows.slice(0, 2).join('\r\n') + '\r\n' + rows[2]),
      ...encodeCp932('ｽｽﾞｷ ｲﾁﾛｳ'),
      ...utf8(',300000,1,甲,1990-01-01\r\n'),
    ]);
    expect(decodeText(bytes).encoding).toBe('utf-8');
    const t = readTable(bytes, employees, { file: 'employees.csv' });
    expect(t.rows.map((r) => r.value.name)).toEqual(['山田 太郎', '佐藤 花子']);
    expect(t.problems.map((p) => [p.row, p.column, isError(p)])).toEqual([[4, '氏名', true]]);
  });

  it('still reads Shift_JIS as Shift_JIS, half-width kana and kanji alike, whatever pairs of it happen to be valid UTF-8 (property)', () => {
    const words = [
      'ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ',
      'ﾃｲｺｸﾃﾞｰﾀﾊﾞﾝｸ',
      'ﾂｱｰ',
      '山田商事株式会社',
      '東京都千代田区丸の内',
      'ﾕ)ｷﾖｳﾄ',
      '請求書',
      '１２３',
      'ｱｲｳｴｵ',
      // Hiragana from つ on are 82 C2…82 F1 in Shift_JIS: C2–DF lead a UTF-8 pair that the next 82 "continues".
      '今月もどうぞよろしくお願いいたします',
      'ひきつづきよろしくおねがいします',
      'ありがとうございました',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, 'abc', '1000', ','), { minLength: 1, maxLength: 40 }), (parts) => {
        const bytes = encodeCp932(parts.join(','));
        let validUtf8 = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          validUtf8 = false;
        }
        expect(decodeText(bytes).encoding).toBe(validUtf8 ? 'utf-8' : 'shift_jis');
      }),
      { numRuns: 500 },
    );
  });

  it('strips a UTF-8 BOM and reports it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('社員番号\n')]);
    expect(decodeText(bytes)).toEqual({ text: '社員番号\n', encoding: 'utf-8-bom' });
  });
});

describe('parseCsv', () => {
  it('keeps a quoted comma, a doubled quote and a quoted line break', () => {
    const { records } = parseCsv('a,b\r\n"山田, 太郎","He said ""hi""\nagain"\r\nx,y');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['山田, 太郎', 'He said "hi"\nagain'],
      ['x', 'y'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });
  it('reads LF, CRLF and a missing final newline the same way', () => {
    const a = parseCsv('a,b\nc,d\n').records.map((r) => r.fields);
    const b = parseCsv('a,b\r\nc,d').records.map((r) => r.fields);
    expect(a).toEqual(b);
  });
  it('reports an unterminated quote with its line', () => {
    expect(parseCsv('a\n"open').problems).toEqual([
      { line: 2, message_ja: '引用符が閉じていません', message_en: 'unterminated quoted field' },
    ]);
    expect(parseCsv('a\n"open, still ""open').records.map((r) => r.fields)).toEqual([['a'], ['open, still "open']]);
  });
  it('keeps text after a closing quote as Excel does, and a trailing delimiter as an empty field', () => {
    expect(parseCsv('"ab"cd,e\r\nx,\r\n').records.map((r) => r.fields)).toEqual([
      ['abcd', 'e'],
      ['x', ''],
    ]);
  });
  it('refuses a delimiter of more than one character', () => {
    expect(() => parseCsv('a||b', '||')).toThrow(RangeError);
    expect(parseCsv('a\tb', '\t').records[0]?.fields).toEqual(['a', 'b']);
  });
  it('reads a lone CR as a line end, inside quotes as text', () => {
    const { records } = parseCsv('a,"b\rc"\rd,e');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b\rc'],
      ['d', 'e'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });
  it('reads back any table the writer writes', () => {
    // Cells start with a letter so the writer's formula guard leaves them as they are.
    const cell = fc.string({ unit: fc.constantFrom('a', 'ｱ', '山', ',', '"', '\r', '\n', ' ', '"",') }).map((s) => `x${s}`);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        expect(parseCsv(toCsvText(rows)).records.map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});

describe('typed columns', () => {
  it.each([
    ['12,345', 12345],
    ['¥12,345', 12345],
    ['￥１２，３４５', 12345],
    ['12345円', 12345],
    ['△500', -500],
    ['-500', -500],
  ])('yen %s → %d', (raw, value) => {
    expect(parseYen(raw)).toEqual({ ok: true, value });
  });
  it.each(['12.5', '1,23', 'abc', '12,3456'])('refuses yen %s', (raw) => {
    expect(parseYen(raw).ok).toBe(false);
  });
  it.each([
    ['0', 0],
    ['-0', 0],
    ['007', 7],
    ['-0120', -120],
    ['999999999999999', 999_999_999_999_999],
    ['9007199254740991', 9_007_199_254_740_991],
  ])('reads plain digits %s as %d', (raw, value) => {
    expect(parseYen(raw)).toEqual({ ok: true, value });
  });
  it.each(['-', '', '9007199254740993', '1 000'])('refuses %j as an amount', (raw) => {
    expect(parseYen(raw).ok).toBe(false);
  });
  it('reads plain digits to what the general patterns read (property)', () => {
    // Plain digits take a short way; with a space around them the same cell goes the long way.
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 1, maxLength: 17 });
    fc.assert(
      fc.property(digits, fc.boolean(), (d, negative) => {
        const raw = `${negative ? '-' : ''}${d}`;
        expect(parseYen(raw)).toEqual(parseYen(` ${raw} `));
      }),
    );
  });
  it('reads decimals exactly: 1.25 hours = 5/4', () => {
    const t = readTable('h\n1.25\n', { h: decimal('h') }, { file: 'a.csv' });
    expect(t.rows[0]?.value.h).toEqual({ num: 5, den: 4 });
  });
});

describe('readTable returns every good row and every problem', () => {
  const csv = [
    '社員番号,氏名,基本給,扶養親族等の数,税額表,生年月日',
    'E001,山田太郎,"300,000",2,甲,1986-04-01',
    'E002,鈴木花子,30万,0,乙,令和元年5月1日',
    'E003,佐藤次郎,250000,,,',
    'E004,田中,-1,x,丙,1990-02-30',
  ].join('\r\n');

  const result = readTable(csv, employees, { file: 'employees.csv' });

  it('keeps the good rows with their line numbers and defaults', () => {
    expect(result.rows).toEqual([
      { row: 2, value: { id: 'E001', name: '山田太郎', salary: 300000, dependents: 2, column: 'kou', birth: '1986-04-01' } },
      { row: 4, value: { id: 'E003', name: '佐藤次郎', salary: 250000, dependents: 0, column: 'kou', birth: undefined } },
    ]);
  });

  it('reports a bad yen value with its row, the column as written and the value', () => {
    expect(result.problems).toContainEqual(expect.objectContaining({ file: 'employees.csv', row: 3, column: '基本給', value: '30万' }));
  });

  it('reports every problem of a row, not just the first', () => {
    const row5 = result.problems.filter((p) => p.row === 5).map((p) => p.column);
    expect(row5).toEqual(['基本給', '扶養親族等の数', '税額表', '生年月日']);
    expect(result.problems.every((p) => p.message_ja !== '' && p.message_en !== '')).toBe(true);
  });

  it('accepts English headers in any order', () => {
    const t = readTable('monthly_salary,name,employee_id\n100,A,1\n', employees, { file: 'e.csv' });
    expect(t.rows[0]?.value).toMatchObject({ id: '1', name: 'A', salary: 100 });
  });

  it('rejects the file when a required column is missing, naming the accepted headers', () => {
    const t = readTable('社員番号,氏名\nE1,A\n', employees, { file: 'e.csv' });
    expect(t.rows).toEqual([]);
    expect(t.problems).toEqual([
      expect.objectContaining({ row: 1, column: 'monthly_salary', message_en: expect.stringContaining('基本給') }),
    ]);
  });

  it('refuses a column whose name is written twice, naming both places (which one was meant cannot be known); of two names of one column, reads the first it lists', () => {
    // The first had been read silently: a second 基本給 (this month's, pasted beside last month's) was never used.
    const twice = readTable('社員番号,氏名,基本給,基本給\nE1,A,300000,320000\n', employees, { file: 'e.csv' });
    expect(twice.rows).toEqual([]);
    expect(twice.problems).toEqual([
      expect.objectContaining({
        row: 1,
        column: '基本給',
        message_ja: '列「基本給」が2つあります（3列目と4列目）。どちらを使うか決められないので、1つにしてください',
        message_en: 'the column 基本給 appears twice (columns 3 and 4): which to use cannot be known; keep one',
      }),
    ]);
    // Two names of one column (a bank's 振込依頼人名 and 摘要, both names of the payer): the first name
    // the column lists is read, as ever — a bank's export cannot be changed.
    const names = readTable('社員番号,employee_id,氏名,基本給\nE1,E2,A,300000\n', employees, { file: 'e.csv' });
    expect(names.problems).toEqual([]);
    expect(names.rows[0]?.value).toMatchObject({ id: 'E2' });
    // A header the table does not read may repeat (two 備考 columns are nobody's business).
    expect(readTable('社員番号,氏名,基本給,備考,備考\nE1,A,1,x,y\n', employees, { file: 'e.csv' }).problems).toEqual([]);
  });

  it('reads the same rows from a Shift_JIS file', () => {
    const sjis = encodeCp932(csv);
    const t = readTable(sjis, employees, { file: 'employees.csv' });
    expect(t.encoding).toBe('shift_jis');
    expect(t.rows).toEqual(result.rows);
  });

  it('reports an empty file', () => {
    expect(readTable('', employees, { file: 'e.csv' }).problems[0]).toMatchObject({ row: 0, message_en: expect.stringContaining('empty') });
  });

  it('reads repeated cells (the same date, the same customer) to the same values as cells read one by one (property)', () => {
    // Cells that repeat are remembered and not parsed again; a bad cell stays a problem on
    // every row it is on, however often it repeats; the first rows of a column decide whether
    // it is remembered at all, so long tables with few and many repeats are both drawn.
    const cell = fc.constantFrom('2026-05-01', '2026/5/1', '令和8年5月1日', '2026-02-30', 'x', '', '0', '1,000', '甲', '乙', '丙');
    const rowsOf = fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 600 });
    const schema = {
      d: date('d').asOptional(),
      n: nonNegativeYen('n').withDefault(0),
      c: oneOf({ 甲: 'kou', 乙: 'otsu' } as const, 'c').asOptional(),
    };
    fc.assert(
      fc.property(rowsOf, fc.boolean(), (rows, unique) => {
        // With `unique`, every row's date differs from all others (a column that does not repeat).
        const table = rows.map(([d, n, c], i) => [
          unique ? `2026-01-01`.replace('01-01', `0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`) : d,
          n,
          c,
        ]);
        const t = readTable(['d,n,c', ...table.map((r) => r.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','))].join('\n'), schema, {
          file: 'r.csv',
        });
        const expected: { row: number; value: unknown }[] = [];
        let problems = 0;
        table.forEach((r, i) => {
          // A row of empty cells is passed over, as a blank line is.
          if (r.every((v) => v.trim() === '')) return;
          const value: Record<string, unknown> = {};
          let good = true;
          (['d', 'n', 'c'] as const).forEach((key, k) => {
            const raw = r[k] ?? '';
            const column = schema[key];
            if (raw.trim() === '') {
              value[key] = column.fallback?.value;
              return;
            }
            const parsed = column.parseCell(raw);
            if (parsed.ok) value[key] = parsed.value;
            else {
              good = false;
              problems++;
            }
          });
          if (good) expected.push({ row: i + 2, value });
        });
        expect(t.rows).toEqual(expected);
        expect(t.problems.length).toBe(problems);
      }),
      { numRuns: 150 },
    );
  });

  it('reads yen columns that allow negatives', () => {
    const t = readTable('amount\n"-1,000"\n', { amount: yen('amount') }, { file: 'a.csv' });
    expect(t.rows[0]?.value.amount).toBe(-1000);
  });
});

describe('writing CSV', () => {
  it('neutralises formula injection and keeps numbers as numbers', () => {
    const out = toCsvText([['=HYPERLINK("http://x","click")', '+1', '-2', '@SUM(A1)', '\tTAB', -500, 1200]]);
    expect(out).toBe(`"'=HYPERLINK(""http://x"",""click"")",'+1,'-2,'@SUM(A1),'\tTAB,-500,1200\r\n`);
  });

  it('a written cell never starts with a formula character once read back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '＝', '＠', ' ', '\u3000', '\t', 'a', '1', '"', ',') }), (s) => {
        const cell = parseCsv(toCsvText([[s, 'x']])).records[0]?.fields[0] ?? '';
        expect(/^(?:[\p{Zs}]*[=+\-@＝＋－＠]|[\t\r\n])/u.test(cell)).toBe(false);
        expect(cell === s || cell === neutraliseFormula(s) || s.trim() === '').toBe(true);
      }),
    );
  });

  it('prefixes exactly the cells the formula pattern finds, whatever their first character (property)', () => {
    // Cells starting with a letter, digit, kana or kanji are not run through the pattern: the
    // pattern itself never finds those.
    const start = /^(?:[\p{Zs}\u00a0\ufeff\t]*[=+\-@＝＋－＠\u2212]|[\t\r\n])/u;
    const unit = fc.oneof(
      fc.constantFrom(
        '=',
        '+',
        '-',
        '@',
        '＝',
        '＋',
        '－',
        '＠',
        '\u2212',
        ' ',
        '\u00a0',
        '\u3000',
        '\u2003',
        '\ufeff',
        '\t',
        '\r',
        '\n',
        'a',
        '1',
        'ｱ',
        'ア',
        '山',
      ),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 6 }), (s) => {
        expect(neutraliseFormula(s)).toBe(start.test(s) ? `'${s}` : s);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes UTF-8 with a BOM by default so Excel opens it correctly', () => {
    const bytes = writeCsv([['氏名'], ['山田']]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeText(bytes).text).toBe('氏名\r\n山田\r\n');
    expect([...writeCsv([['a']], 'utf-8')]).toEqual([0x61, 0x0d, 0x0a]);
  });

  // Cells as they come: quotes, separators, line ends, spaces at either end (what trim removes,
  // ideographic included), formula starts, kana and kanji, a character outside the BMP, a lone
  // surrogate, numbers, empty and missing cells.
  const cellUnit = fc.constantFrom(
    '"',
    ',',
    '\r',
    '\n',
    ' ',
    '\t',
    '\u3000',
    '\u00a0',
    '\ufeff',
    '\u2028',
    '=',
    '-',
    'a',
    '1',
    'ｱ',
    '山',
    '𠮷',
    '\ud800',
    'é',
  );
  const cell = fc.oneof(
    fc.string({ unit: cellUnit, maxLength: 8 }),
    fc.integer({ min: -1e12, max: 1e12 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(null, undefined, true, ''),
  );
  const table = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 });

  it('writes the bytes of the CSV text, quoting and neutralising as it does, in one pass (property)', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const text = toCsvText(rows);
        expect([...writeCsv(rows, 'utf-8')]).toEqual([...new TextEncoder().encode(text)]);
        expect([...writeCsv(rows)]).toEqual([...new TextEncoder().encode(`\uFEFF${text}`)]);
      }),
      { numRuns: 1000 },
    );
  });

  it('quotes a cell that starts or ends with what trim removes, and only then among spaces (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(' ', '\t', '\u3000', '\u00a0', '\u2003', '\ufeff', '\u200b', 'a'), maxLength: 4 }),
        (s) => {
          const out = toCsvText([['x', s]]).slice(2, -2);
          const safe = neutraliseFormula(s);
          expect(out).toBe(safe !== safe.trim() ? `"${safe}"` : safe);
        },
      ),
    );
  });

  it('streams a large table in pieces of about a megabyte that add up to the file, a row larger than a piece whole', () => {
    const big = '山'.repeat(400_000); // 1.2 MB of UTF-8
    const rows = [...Array.from({ length: 20_000 }, (_, i) => [i, `ｶ)ﾔﾏﾀﾞ${i}`, '振込名義が得意先カナと一致']), [0, big, 'x'], ['end']];
    const sizes: number[] = [];
    const copies: Uint8Array[] = [];
    for (const piece of csvPieces(rows)) {
      sizes.push(piece.length);
      copies.push(piece.slice());
    }
    const whole = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
    let at = 0;
    for (const c of copies) {
      whole.set(c, at);
      at += c.length;
    }
    expect(Buffer.from(whole).equals(writeCsv(rows))).toBe(true);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(whole)).toBe(`\uFEFF${toCsvText(rows)}`);
    expect(sizes.length).toBeGreaterThan(2);
    // A small table takes a small buffer, not a piece's megabyte.
    expect([...csvPieces([['a', 1]])].map((p) => p.buffer.byteLength)).toEqual([4096]);
    // Only the piece that holds the big row is over a megabyte, and it holds the whole row.
    const over = sizes.filter((n) => n > 1 << 20);
    expect(over).toHaveLength(1);
    const piece = copies[sizes.indexOf(over[0] as number)] as Uint8Array;
    expect(new TextDecoder().decode(piece)).toContain(`\r\n0,${big},x\r\n`);
  });

  it('lets go of its rows when the writer stops early or a row is refused: the rows’ own clean-up runs', () => {
    let closed = 0;
    function* rows(bad: boolean) {
      try {
        for (let i = 0; i < 100_000; i++) yield [i, 'ｶ)ﾔﾏﾀﾞ', bad && i === 50_000 ? Number.NaN : 1];
      } finally {
        closed++;
      }
    }
    for (const _ of csvPieces(rows(false))) break;
    expect(closed).toBe(1);
    expect(() => [...csvPieces(rows(true))]).toThrow(/NaN is not a finite number/);
    expect(closed).toBe(2);
  });

  it('writes the same bytes where the platform’s encoder has no encodeInto (as Apps Script’s stand-in has none)', () => {
    const rows = [
      ['山田', 'ｶ)ﾔﾏﾀﾞ', '😀', '\ud800', 'a"b', 1.5],
      ...Array.from({ length: 3_000 }, (_, i) => [i, '振込名義が得意先カナと一致']),
    ];
    const expected = writeCsv(rows);
    const Platform = globalThis.TextEncoder;
    class EncodeOnly {
      readonly encoding = 'utf-8';
      encode(text: string): Uint8Array {
        return new Platform().encode(text);
      }
    }
    try {
      globalThis.TextEncoder = EncodeOnly as unknown as typeof TextEncoder;
      expect(Buffer.from(writeCsv(rows)).equals(Buffer.from(expected))).toBe(true);
    } finally {
      globalThis.TextEncoder = Platform;
    }
  });

  it('writes Shift_JIS on request', () => {
    const bytes = writeCsv([['ｶ)ﾔﾏﾀﾞ']], 'shift_jis');
    expect([...bytes]).toEqual([0xb6, 0x29, 0xd4, 0xcf, 0xc0, 0xde, 0x0d, 0x0a]);
  });
});

describe('rows of empty cells (,,,, as Excel saves the formatted rows below a table)', () => {
  it('are passed over as blank lines are, the rows after them keeping their line numbers', () => {
    // They had been refused, every required column of each, and the whole payroll run with them.
    const t = readTable('id,amount\n1,100\n,\n , \n2,200\n,,\n', { id: text('id'), amount: yen('amount') }, { file: 'a.csv' });
    expect(t.problems).toEqual([]);
    expect(t.rows.map((r) => [r.row, r.value.id, r.value.amount])).toEqual([
      [2, '1', 100],
      [5, '2', 200],
    ]);
  });
});
