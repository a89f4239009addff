import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvChunks, MAX_RECORD_CHARS, RecordTooLong, sourceEncoding } from '../../cli/invoices/read.js';
import { decodeText, encodeCp932 } from '../../core/csv/encoding.js';
import { completeRecordsEnd, parseCsv } from '../../core/csv/parse.js';

const dir = mkdtempSync(join(tmpdir(), 'urakata-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every record of a file read in chunks of `size` bytes, as parseCsv reads each chunk. */
async function viaChunks(text: string | Uint8Array, size: number, scanned?: (length: number) => void): Promise<string[][]> {
  const path = join(dir, `f${size}.csv`);
  writeFileSync(path, text);
  const out: string[][] = [];
  for await (const c of csvChunks(path, await sourceEncoding(path, size), size, scanned)) {
    if ('header' in c) out.push(...parseCsv(c.header).records.map((r) => [...r.fields]));
    else out.push(...parseCsv(c.text).records.map((r) => [...r.fields]));
  }
  return out;
}

const whole = (text: string | Uint8Array) => parseCsv(decodeText(text).text).records.map((r) => [...r.fields]);

describe('reading an invoice file in chunks', () => {
  it('never cuts inside a quoted field that spans lines after a stray quote (27" monitor)', async () => {
    const text = 'invoice_no,item,note\nA-1,27" monitor,"line one\nline two, still the note"\nA-2,cable,plain\n';
    for (const size of [8, 16, 23, 40, 64]) expect(await viaChunks(text, size)).toEqual(whole(text));
    expect(whole(text)[1]).toEqual(['A-1', '27" monitor', 'line one\nline two, still the note']);
  });

  it('cuts only after whole records, as parseCsv reads them', () => {
    expect(completeRecordsEnd('a,"x\n y"\nb,c\nd', false)).toBe(13);
    expect(completeRecordsEnd('a,"x\n y"\nb,c\nd', true)).toBe(9);
    expect(completeRecordsEnd('a,"x\ny', false)).toBe(-1);
    expect(completeRecordsEnd('27" monitor\nb', false)).toBe(12);
    expect(completeRecordsEnd('a\r', false)).toBe(-1);
  });

  it('reads a Shift_JIS file as Shift_JIS to its end, a chunk that alone is valid UTF-8 (ﾂｱ is C2 B1, ±) included', async () => {
    const rows = ['id,item', 'A-1,請求', ...Array.from({ length: 200 }, (_, i) => `N${i},plain`), 'B-1,ﾂｱ', ''];
    const bytes = encodeCp932(rows.join('\r\n'));
    for (const size of [64, 1024]) {
      const read = await viaChunks(bytes, size);
      expect(read.at(-1)).toEqual(['B-1', 'ﾂｱ']);
      expect(read).toEqual(whole(bytes));
    }
    expect(await sourceEncoding(new TextEncoder().encode('id\r\nﾂｱ\r\n'))).toBe('utf-8');
  });

  it('reads a record longer than many chunks again only as the text doubles: a few times its length in all, not once per chunk', async () => {
    const total = async (text: string) => {
      let read = 0;
      expect(await viaChunks(text, 48 * 1024, (n) => (read += n))).toEqual(whole(text));
      return read / text.length;
    };
    // Records of up to MAX_RECORD_CHARS, each over many chunks of 48 KB.
    const note = `"${'メモ\n'.repeat(300_000)}"`;
    expect(await total(`invoice_no,note\nA-1,${note}\nA-2,x\n`)).toBeLessThan(4);
    expect(await total(`invoice_no,note\nA-1,"never closed ${'x'.repeat(950_000)}`)).toBeLessThan(4);
    // No line break for a megabyte: no byte is copied again per chunk either (read as one field).
    expect(await total(`invoice_no,note\nA-1,${'y'.repeat(990_000)}\nA-2,z\n`)).toBeLessThan(4);
  });

  it('refuses a record longer than MAX_RECORD_CHARS where it starts, without reading on to the end', async () => {
    let read = 0;
    const text = `invoice_no,note\nA-1,x\nA-2,"never closed ${'x'.repeat(3 * MAX_RECORD_CHARS)}`;
    const error = await viaChunks(text, 48 * 1024, (n) => (read += n)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordTooLong);
    expect((error as RecordTooLong).row).toBe(3);
    expect(read).toBeLessThan(4 * MAX_RECORD_CHARS);
  });

  it('reads any file in chunks of any size exactly as whole', async () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.constantFrom('27" monitor', 'a""b', '請求', ' =1+2'),
      fc.stringMatching(/^[a-z,"\n\r ]{0,8}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const file = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 })
      .chain((rows) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => `h1,h2${eol}${rows.map((r) => r.join(',')).join(eol)}${eol}`));
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 1, max: 48 }), async (text, size) => {
        expect(await viaChunks(text, size)).toEqual(whole(text));
      }),
      { numRuns: 150 },
    );
  });
});
