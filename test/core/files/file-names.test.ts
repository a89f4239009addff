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
});
