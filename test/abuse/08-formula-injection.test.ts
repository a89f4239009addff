/**
 * Issue 19, finding 8 — formula injection variants: a cell starting with a space then = and a
 * full-width ＝ were written as they were.
 */
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../core/csv/index.js';

describe('issue 19 finding 8: formula injection variants', () => {
  it.each([' =1+2', '\u3000=1+2', '＝1+2', '＋1', '－1', '＠SUM(A1)', '  ＝cmd|calc', '\n=1'])(
    'neutralises %j (a space before =, and full-width ＝ ＋ － ＠)',
    (s) => {
      expect(neutraliseFormula(s)).toBe(`'${s}`);
    },
  );
});
