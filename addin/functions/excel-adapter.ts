/**
 * Turns a core spreadsheet function into an Excel custom function: Excel's argument shapes in,
 * Excel's result shapes out, InputError → #VALUE! with the message naming the bad argument.
 * The rules stay in core; this file only translates.
 */
import type { FunctionSpec } from '../../core/sheet-functions/catalog.js';
import { notBuiltMessage } from '../../core/sheet-functions/index.js';
import { InputError } from '../../core/errors.js';

/** The parts of the `CustomFunctions` global the adapter needs (a stand-in in tests). */
export interface CustomFunctionsHost {
  readonly Error: new (code: never, message?: string) => Error;
  readonly ErrorCode: { readonly invalidValue: unknown; readonly notAvailable: unknown };
}

export type CoreFunction = (...args: never[]) => unknown;

/** Excel shows at most this many characters of a custom error message. */
const MESSAGE_LIMIT = 255;

/**
 * Whether Excel declares the parameter as a range (`any[][]`): it then passes even a single value as [[v]].
 * @example takesRange(functionSpec('WITHHOLDING')!.params[0]!) // true
 */
export function takesRange(param: FunctionSpec['params'][number]): boolean {
  return param.kind === 'range' || param.rangeAllowed === true;
}

/**
 * Whether Excel declares the result as a matrix.
 * @example returnsMatrix(functionSpec('SOCIALINSURANCE')!) // true
 */
export function returnsMatrix(spec: FunctionSpec): boolean {
  return spec.result.kind !== 'scalar';
}

const isSingleCell = (v: unknown): v is [[unknown]] => Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1;

/** Excel cannot show null or undefined in a spilled result: they become empty cells. */
const cellOut = (v: unknown): unknown => (v === null || v === undefined ? '' : v);

/**
 * The Excel custom function for one catalog entry.
 * @example excelFunction(functionSpec('WITHHOLDING')!, WITHHOLDING, CustomFunctions)([[175000]], [[2]], [['甲']], '2026-05-25', null) // [[250]]
 */
export function excelFunction(
  spec: FunctionSpec,
  core: CoreFunction | undefined,
  host: CustomFunctionsHost,
): (...args: unknown[]) => unknown {
  const fail = (code: unknown, message: string): Error => new host.Error(code as never, message.slice(0, MESSAGE_LIMIT));
  return (...given: unknown[]) => {
    if (!core) {
      throw fail(host.ErrorCode.notAvailable, notBuiltMessage(spec.name));
    }
    // Excel appends an invocation object after the declared parameters.
    const args = spec.params.map((param, i) => {
      const v = given[i];
      // A range parameter that also takes one value (rangeAllowed) sees a single cell as that value,
      // so WITHHOLDING(A2:A100, 2) pairs every row with 2 rather than with a one-row range.
      return param.rangeAllowed && isSingleCell(v) ? v[0][0] : v;
    });
    let result: unknown;
    try {
      result = core(...(args as never[]));
    } catch (e) {
      if (e instanceof InputError) throw fail(host.ErrorCode.invalidValue, e.message);
      throw fail(host.ErrorCode.notAvailable, e instanceof Error ? e.message : String(e));
    }
    if (!returnsMatrix(spec)) return cellOut(result);
    if (!Array.isArray(result)) return [[cellOut(result)]];
    return result.map((row: unknown) => (Array.isArray(row) ? row.map(cellOut) : [cellOut(row)]));
  };
}
