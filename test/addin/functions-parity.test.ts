import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { FUNCTION_CATALOG } from '../../core/sheet-functions/catalog.js';
import { sheetFunctions } from '../../core/sheet-functions/index.js';
import { CASES_TODAY, FUNCTION_CASES, type FunctionCase } from '../core/sheet-functions/cases.js';
import { builtAddin } from './built.js';

/** A stand-in for Excel's `CustomFunctions` global, as the shared runtime provides it. */
class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const registered = new Map<string, (...args: unknown[]) => unknown>();
const customFunctions = {
  associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
  Error: CustomFunctionError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
};

beforeAll(async () => {
  const code = readFileSync(join(await builtAddin(), 'functions.js'), 'utf8');
  // Excel's runtime is a browser engine: TextEncoder and TextDecoder are there.
  runInNewContext(code, { CustomFunctions: customFunctions, console, TextEncoder, TextDecoder });
});

const coreFunctions = sheetFunctions({ today: CASES_TODAY }) as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
/** What Excel passes: a range parameter always as a matrix, an omitted argument as null; an invocation object last. */
function excelArgs(c: FunctionCase): unknown[] {
  const spec = FUNCTION_CATALOG.find((f) => f.name === c.fn);
  const args = spec?.params.map((q, i) => {
    const v = c.args[i] ?? null;
    return (q.kind === 'range' || q.rangeAllowed) && v !== null && !Array.isArray(v) ? [[v]] : v;
  });
  return [...(args ?? []), { address: 'Sheet1!A1' }];
}
const callExcel = (c: FunctionCase) => registered.get(c.fn)?.(...excelArgs(c));
/** A single value and a 1×1 array are the same cell. */
const asCell = (v: unknown) => (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 ? v[0][0] : v);

describe('functions bundle in a CustomFunctions stand-in', () => {
  it('registers every catalog function', () => {
    expect([...registered.keys()].sort()).toEqual(FUNCTION_CATALOG.map((f) => f.name).sort());
  });

  for (const c of FUNCTION_CASES) {
    const landed = typeof coreFunctions[c.fn] === 'function';
    it(`${c.fn}: ${c.title} — same as core`, () => {
      expect(landed, `${c.fn} is in core`).toBe(true);
      const fromCore = (): unknown => coreFunctions[c.fn]?.(...c.args);
      if (typeof c.expected === 'object' && c.expected !== null && 'error' in c.expected) {
        let coreError: unknown;
        try {
          fromCore();
        } catch (e) {
          coreError = e;
        }
        expect(coreError).toBeInstanceOf(InputError);
        expect((coreError as InputError).problems[0]?.column).toBe(c.expected.error);
        let excelError: unknown;
        try {
          callExcel(c);
        } catch (e) {
          excelError = e;
        }
        // #VALUE! with core's own message, which names the argument.
        expect(excelError).toBeInstanceOf(CustomFunctionError);
        expect((excelError as CustomFunctionError).code).toBe('#VALUE!');
        expect((excelError as CustomFunctionError).message).toBe((coreError as InputError).message.slice(0, 255));
        expect((excelError as CustomFunctionError).message).toContain(`「${c.expected.error}」`);
        return;
      }
      expect(fromCore()).toEqual(c.expected);
      expect(asCell(callExcel(c))).toEqual(asCell(c.expected));
    });
  }

  it('pairs every row of a pay column with one dependants value given as a single cell', () => {
    const w = registered.get('WITHHOLDING');
    // Excel passes the single cell 2 as [[2]] because the parameter also takes a range.
    expect(w?.([[175_000], [300_000]], [[2]], null, '2026-05-25', null, {})).toEqual([[250], [4_700]]);
  });
});
