/**
 * Issue 19, finding 8 — formula injection variants: a cell starting with a space then = and a
 * full-width ＝ were written as they were.
 */
import { describe, expect, it } from 'vitest';
import { encodeCp932, neutraliseFormula, toCsvText } from '../../core/csv/index.js';

describe('issue 19 finding 8: formula injection variants', () => {
  it.each([' =1+2', '\u3000=1+2', '＝1+2', '＋1', '－1', '＠SUM(A1)', '  ＝cmd|calc', '\n=1'])(
    'neutralises %j (a space before =, and full-width ＝ ＋ － ＠)',
    (s) => {
      expect(neutraliseFormula(s)).toBe(`'${s}`);
    },
  );
});

describe('a minus sign (U+2212) and a tab among the leading spaces', () => {
  // Written in Shift_JIS (the 弥生 and マネーフォワード journals), U+2212 becomes 0x817C, which
  // Windows reads back as the full-width －: a customer named −cmd|' /C calc'!A0 reached the
  // journal file as a cell starting with －.
  it.each(["\u2212cmd|' /C calc'!A0", '\u22121+2', ' \t=1', '\t =1', '\u3000\t＋1'])('neutralises %j', (s) => {
    expect(neutraliseFormula(s)).toBe(`'${s}`);
  });

  it('the 弥生 journal of a reconciliation never holds a cell that reads back as a formula', () => {
    const bytes = encodeCp932(toCsvText([["\u2212cmd|' /C calc'!A0", '売掛金']]));
    const back = new TextDecoder('shift_jis').decode(bytes).replace(/\u2212/g, '\uff0d');
    expect(back.startsWith("'")).toBe(true);
  });
});
