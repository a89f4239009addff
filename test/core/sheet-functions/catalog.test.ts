import { describe, expect, it } from 'vitest';
import { bilingual, FUNCTION_CATALOG, functionSpec } from '../../../core/sheet-functions/catalog.js';
import { sheetFunctions } from '../../../core/sheet-functions/index.js';

/** The function names of design §3.1, in its order. */
const DESIGN_FUNCTIONS = [
  'WITHHOLDING',
  'BONUSWITHHOLDING',
  'STANDARDMONTHLY',
  'SOCIALINSURANCE',
  'EMPLOYMENTINSURANCE',
  'OVERTIMEPAY',
  'RESIDENTTAX',
  'KYUYOSHOTOKU',
  'PAYROLL',
  'NENCHO',
  'RECONCILE',
  'KANA',
  'INVOICETAX',
  'TNUMBER',
];

/** Parameter names of a compiled function, read from its source text. */
function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const src = fn.toString();
  const open = src.indexOf('(');
  let depth = 0;
  let close = open;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '(') depth++;
    if (src[i] === ')') depth--;
    if (depth === 0) {
      close = i;
      break;
    }
  }
  return src
    .slice(open + 1, close)
    .split(',')
    .map((s) => s.trim().split(/[\s=:]/)[0] ?? '')
    .filter((s) => s !== '');
}

describe('function catalog', () => {
  it('lists exactly the fourteen functions of design §3.1, in order', () => {
    expect(FUNCTION_CATALOG.map((f) => f.name)).toEqual(DESIGN_FUNCTIONS);
  });

  it('has no at-sign in any help text (custom-functions-metadata would cut the description there)', () => {
    for (const f of FUNCTION_CATALOG) {
      const texts = [f.ja, f.en, f.result.ja, f.result.en, ...f.params.flatMap((q) => [q.ja, q.en])];
      for (const t of texts) expect(t, f.name).not.toContain('@');
    }
  });

  it('writes help in Japanese first with English alongside', () => {
    for (const f of FUNCTION_CATALOG) {
      for (const t of [f, f.result, ...f.params]) {
        expect(t.ja, f.name).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(t.en, f.name).toMatch(/[a-z]/);
      }
    }
  });

  it('puts optional parameters only after the required ones', () => {
    for (const f of FUNCTION_CATALOG) {
      const firstOptional = f.params.findIndex((q) => q.optional);
      if (firstOptional < 0) continue;
      expect(
        f.params.slice(firstOptional).every((q) => q.optional),
        f.name,
      ).toBe(true);
    }
  });

  it('uses snake_case parameter names, unique within a function', () => {
    for (const f of FUNCTION_CATALOG) {
      const names = f.params.map((q) => q.name);
      for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(new Set(names).size, f.name).toBe(names.length);
    }
  });

  it('gives each example as a call of the function itself', () => {
    for (const f of FUNCTION_CATALOG) expect(f.example.startsWith(`${f.name}(`), f.name).toBe(true);
  });

  it('marks WITHHOLDING as a column for a column: the first argument takes a range', () => {
    const w = functionSpec('WITHHOLDING');
    expect(w?.result.kind).toBe('column-for-range');
    expect(w?.params[0]?.rangeAllowed).toBe(true);
  });

  it('joins help as "日本語 / English"', () => {
    expect(bilingual({ ja: '年税額', en: 'annual tax' })).toBe('年税額 / annual tax');
  });

  it('has a core function for each entry, and none besides, as the hosts get them from sheetFunctions', () => {
    expect(Object.keys(sheetFunctions({ today: '2026-06-01' })).sort()).toEqual(FUNCTION_CATALOG.map((f) => f.name).sort());
  });

  it("matches each core function's parameter names and order", () => {
    const functions = sheetFunctions({ today: '2026-06-01' }) as unknown as Record<string, (...args: never[]) => unknown>;
    for (const spec of FUNCTION_CATALOG) {
      const fn = functions[spec.name];
      expect(typeof fn, spec.name).toBe('function');
      if (fn) expect(parameterNames(fn), spec.name).toEqual(spec.params.map((q) => q.name));
    }
  });
});
