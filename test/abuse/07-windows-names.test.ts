/**
 * Issue 19, finding 7 — names that harm on Windows, where accountants open these files: invoice
 * numbers CON, NUL, COM1, PRN.txt, look-alike slashes (∕ ／ ⧸ ⁄), a right-to-left override and a
 * zero-width space were accepted as file names.
 */
import { describe, expect, it } from 'vitest';
import { isSafeInvoiceNumber } from '../../core/invoice/index.js';

describe('issue 19 finding 7: names that harm on Windows — invoice numbers that become file names', () => {
  it.each(['INV-2026-05-001', 'CN_1', 'A-1.2', '請求２０２６－００１', 'No#12(再)'])('accepts %s', (no) => {
    expect(isSafeInvoiceNumber(no)).toBe(true);
  });

  it.each([
    'CON',
    'nul',
    'COM1',
    'PRN.txt',
    'lpt1.a',
    'a∕b',
    'a／b',
    'a⧸b',
    'a⁄b',
    'a/b',
    'a\\b',
    'x\u202Eyz',
    'a\u200Bb',
    '../x',
    '.hidden',
    'a..b',
    'a b',
    '',
    'x'.repeat(65),
  ])('refuses %j', (no) => {
    expect(isSafeInvoiceNumber(no)).toBe(false);
  });
});
