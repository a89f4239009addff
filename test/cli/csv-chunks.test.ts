import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { completeRecordsEnd, parseCsv } from '../../core/csv/parse.js';
import { csvChunks } from '../../cli/invoices/read.js';

const dir = mkdtempSync(join(tmpdir(), 'urakata-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every record of a file read in chunks of `size` bytes, as parseCsv reads each chunk. */
async function viaChunks(text: string, size: number): Promise<string[][]> {
  const path = join(dir, `f${size}.csv`);
  writeFileSync(path, text);
  const out: string[][] = [];
  for await (const c of csvChunks(path, size)) {
    if ('header' in c) out.push(...parseCsv(c.header).records.map((r) => [...r.fields]));
    else out.push(...parseCsv(c.text).records.map((r) => [...r.fields]));
  }
  return out;
}

const whole = (text: string) => parseCsv(text).records.map((r) => [...r.fields]);

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
