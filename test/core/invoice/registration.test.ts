import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRegistrationNumber, corporateCheckDigit, normalizeRegistrationNumber } from '../../../core/invoice/registration.js';

describe('registration numbers (登録番号)', () => {
  it('computes the 法人番号 check digit of the NTA’s own number (Σ = 11, 11 mod 9 = 2, 9 − 2 = 7)', () => {
    expect(corporateCheckDigit('000012050002')).toBe(7);
    expect(checkRegistrationNumber('T7000012050002')).toEqual({ status: 'valid', number: 'T7000012050002' });
  });

  it('gives 9, not 0, when the weighted sum is divisible by 9', () => {
    // 011001017684 from the right: 4·1+8·2+6·1+7·2+1·1+0·2+1·1+0·2+0·1+1·2+1·1+0·2 = 45 = 5 × 9 → 9 − 0 = 9.
    expect(corporateCheckDigit('011001017684')).toBe(9);
    expect(checkRegistrationNumber('T9011001017684').status).toBe('valid');
    expect(corporateCheckDigit('000000000000')).toBe(9);
  });

  it('normalises full-width characters, lower-case t, spaces and hyphens', () => {
    expect(normalizeRegistrationNumber('Ｔ７０００－０１２０５－０００２')).toBe('T7000012050002');
    expect(normalizeRegistrationNumber(' t 7000-0120-50002 ')).toBe('T7000012050002');
  });

  it('calls a wrong check digit a mismatch (a warning: sole proprietors have no published rule)', () => {
    expect(checkRegistrationNumber('T8000012050002')).toEqual({ status: 'checkDigitMismatch', number: 'T8000012050002', expected: 7 });
    expect(checkRegistrationNumber('T1234567890123').status).toBe('checkDigitMismatch');
  });

  it('calls anything but T + 13 digits malformed', () => {
    for (const bad of ['7000012050002', 'T700001205000', 'T70000120500021', 'X7000012050002', 'T70000120500O2', '']) {
      expect(checkRegistrationNumber(bad)).toEqual({ status: 'malformed' });
    }
  });

  it('property: the check digit is always 1..9 and prefixing it makes a valid number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (base) => {
        const cd = corporateCheckDigit(base);
        return cd >= 1 && cd <= 9 && checkRegistrationNumber(`T${cd}${base}`).status === 'valid';
      }),
    );
  });
});
