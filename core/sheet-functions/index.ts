/**
 * The spreadsheet functions of design §3.1, as both hosts import them: Excel's functions bundle
 * and the Apps Script wrappers. Each area file joins here when it lands.
 */
import type { IsoDate } from '../dates/calendar.js';
import { FUNCTION_CATALOG, type FunctionSpec } from './catalog.js';
import type { SheetContext } from './cells.js';
import { invoiceFunctions } from './invoice.js';
import { nenchoFunctions } from './nencho.js';
import { payrollFunctions } from './payroll.js';
import { reconcileFunctions } from './reconcile.js';
import { withholdingFunctions } from './withholding.js';

export * from './catalog.js';
export type { SheetContext } from './cells.js';

/**
 * Every function of the catalog by name, taking only its cell arguments, as of `context.today`.
 * A host makes them at each call with today from its clock, so a workbook left open past midnight
 * moves to the new day; core itself never reads the clock.
 * @example sheetFunctions({ today: '2026-05-25' }).WITHHOLDING(175000, 2) // 250
 */
export function sheetFunctions(context: SheetContext) {
  return {
    ...withholdingFunctions(context),
    ...payrollFunctions(context),
    ...nenchoFunctions(context),
    ...reconcileFunctions(context),
    ...invoiceFunctions(context),
  };
}

export type SheetFunctions = ReturnType<typeof sheetFunctions>;

/**
 * sheetFunctions for a host that calls them cell by cell (a formula filled down 10,000 rows is
 * 10,000 calls): made again only when the day it is given changes, not at every call.
 * @example const byDay = sheetFunctionsByDay(); byDay('2026-05-25').WITHHOLDING(175000, 2) // 250
 */
export function sheetFunctionsByDay(): (today: IsoDate) => SheetFunctions {
  let made: { readonly today: IsoDate; readonly functions: SheetFunctions } | undefined;
  return (today) => {
    if (made?.today !== today) made = { today, functions: sheetFunctions({ today }) };
    return made.functions;
  };
}

/** A catalog function as a host registers it: its arguments as the host's cells give them. */
export type CatalogCall = (...args: never[]) => unknown;

/**
 * Every catalog function as both hosts register it, each call made with the functions of the day
 * `today()` gives at that moment (a host's clock, read at each call: a workbook open past midnight
 * moves on). `call` is absent for a function the catalog lists but this build has no core for.
 * @example hostFunctions(() => '2026-05-25').find((f) => f.spec.name === 'WITHHOLDING')?.call?.(175000, 2) // 250
 */
export function hostFunctions(today: () => IsoDate): { readonly spec: FunctionSpec; readonly call?: CatalogCall }[] {
  const byDay = sheetFunctionsByDay();
  const functionsOn = (day: IsoDate) => byDay(day) as unknown as Readonly<Record<string, CatalogCall | undefined>>;
  const built = functionsOn(today());
  return FUNCTION_CATALOG.map((spec) => {
    if (typeof built[spec.name] !== 'function') return { spec };
    const call: CatalogCall = (...args) => (functionsOn(today())[spec.name] as CatalogCall)(...args);
    return { spec, call };
  });
}

/**
 * What a cell says for a catalog function this build has no core for (#N/A in Excel, an error in Sheets).
 * @example notBuiltMessage('NENCHO') // 'NENCHO はまだ使えません（この版には未搭載） / NENCHO is not available in this version yet'
 */
export const notBuiltMessage = (name: string): string =>
  `${name} はまだ使えません（この版には未搭載） / ${name} is not available in this version yet`;
