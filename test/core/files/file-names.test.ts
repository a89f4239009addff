import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeFileBase, uniqueFileNames } from '../../../core/files/file-names.js';

describe('file names from ids', () => {
  it('gives ids that sanitise alike distinct names, in order', () => {
    expect(uniqueFileNames(['E/1', 'E_1', 'E:1'], '.pdf')).toEqual(['E_1.pdf', 'E_1~2.pdf', 'E_1~3.pdf']);
  });

  it('keeps names distinct without regard to case (Windows and macOS folders)', () => {
    expect(uniqueFileNames(['ab', 'AB'], '.pdf')).toEqual(['ab.pdf', 'AB~2.pdf']);
  });

  it.each([
    ['CON', '_CON'],
    ['nul', '_nul'],
    ['COM1', '_COM1'],
    ['PRN.txt', 'PRN_txt'],
    ['a∕b／c⧸d⁄e', 'a_b_c_d_e'],
    ['x\u202Eyz', 'x_yz'],
    ['a\u200Bb', 'a_b'],
    ['', '_'],
    ['..', '___'],
    ['１００１', '1001'],
  ])('makes %j safe as %j', (id, base) => {
    expect(safeFileBase(id)).toBe(base);
  });

  it('never gives two ids one name, and only safe characters', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 30 }), (ids) => {
        const names = uniqueFileNames(ids, '.pdf');
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(ids.length);
        for (const n of names) expect(n).toMatch(/^[\p{L}\p{N}_~-]+\.pdf$/u);
      }),
    );
  });

  it('cuts a long id between characters, never inside one: two ids give two names as bytes too', () => {
    // Cut by UTF-16 unit, both kept half of their 80th character; written out, each half became
    // U+FFFD, and one employee's payslip was written over the other's.
    const ids = [`${'A'.repeat(79)}𠮷1`, `${'A'.repeat(79)}𠀋2`];
    const names = uniqueFileNames(ids, '.pdf');
    expect(names).toEqual([`${'A'.repeat(79)}𠮷.pdf`, `${'A'.repeat(79)}𠀋.pdf`]);
    const bytes = names.map((n) => Buffer.from(n, 'utf8').toString('hex'));
    expect(new Set(bytes).size).toBe(2);
  });

  it('keeps a name within what a file system holds (255 bytes) however long its characters', () => {
    const base = safeFileBase('𠮷'.repeat(200));
    expect(base).not.toMatch(/\p{Cs}/u);
    expect(Buffer.byteLength(`${base}~999.pdf`, 'utf8')).toBeLessThanOrEqual(255);
    expect(safeFileBase('山'.repeat(200))).toBe('山'.repeat(80));
  });

  it('gives well-formed names, distinct as bytes, within 255 bytes (property)', () => {
    const long = fc.string({ unit: fc.constantFrom('A', '山', '𠮷', '𠀋', '/', 'a'), minLength: 70, maxLength: 100 });
    fc.assert(
      fc.property(fc.array(fc.oneof(long, fc.string({ unit: 'grapheme', maxLength: 90 })), { maxLength: 20 }), (ids) => {
        const names = uniqueFileNames(ids, '.pdf');
        for (const n of names) {
          expect(n).not.toMatch(/\p{Cs}/u);
          expect(Buffer.byteLength(n, 'utf8')).toBeLessThanOrEqual(255);
        }
        expect(new Set(names.map((n) => Buffer.from(n.toLowerCase(), 'utf8').toString('hex'))).size).toBe(ids.length);
      }),
    );
  });
});
