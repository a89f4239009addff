/**
 * The custom functions =URA_<NAME>(…) of design §3.1: the core spreadsheet functions as they are,
 * with Sheets' conventions at the edge. Sheets shows a thrown Error's message in the cell's tooltip,
 * so an InputError becomes an Error with the very text Excel shows with #VALUE!.
 *
 * Custom functions run without authorisation: nothing here may touch UrlFetchApp, properties or
 * the spreadsheet. Rate tables are compiled into Code.js, so a call never waits on the network.
 */
import { todayInTokyo } from '../core/dates/calendar.js';
import type { CellValue, Matrix } from '../core/sheet-functions/cells.js';
import type { FunctionSpec } from '../core/sheet-functions/catalog.js';
import * as core from '../core/sheet-functions/index.js';

type CoreFunction = (...args: (CellValue | Matrix)[]) => unknown;
export type SheetsFunction = (...args: unknown[]) => unknown;

/** What Sheets can show: a scalar, or a 2-D array it spills. null/undefined become blank cells. */
export function toSheets(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) {
    return value.map((row: unknown) => (Array.isArray(row) ? row.map((c: unknown) => toSheets(c)) : [toSheets(row)]));
  }
  return value;
}

/**
 * Sheets passes a one-cell range as a bare value where Excel passes [[value]] to a range
 * parameter: wrap it, so the core sees what it sees from Excel.
 */
function asExcelPasses(spec: FunctionSpec, args: readonly unknown[]): (CellValue | Matrix)[] {
  return args.map((v, i) => (spec.params[i]?.kind === 'range' && v !== undefined && v !== null && !Array.isArray(v) ? [[v]] : v)) as (
    | CellValue
    | Matrix
  )[];
}

/**
 * @example sheetsFunction(spec('WITHHOLDING'), sheetFunctions({ today: '2026-05-25' }).WITHHOLDING)(175000, 2, '甲', '2026-05-25') // → 250
 */
export function sheetsFunction(spec: FunctionSpec, core: CoreFunction): SheetsFunction {
  return (...args) => {
    try {
      return toSheets(core(...asExcelPasses(spec, args)));
    } catch (e) {
      throw new Error(e instanceof Error ? e.message : String(e));
    }
  };
}

/** The catalog's functions, each called as of today in Tokyo by the script's clock at that call (core has no clock). */
const FUNCTIONS = core.hostFunctions(() => todayInTokyo(new Date()));

/** Excel's text for a catalog function whose core is not in this build (#N/A there, an error here). */
function notYet(name: string): SheetsFunction {
  return () => {
    throw new Error(core.notBuiltMessage(name));
  };
}

/** URA_<NAME> for every catalog function (the build checks the list against the catalog). */
export const custom: Readonly<Record<string, SheetsFunction>> = Object.fromEntries(
  FUNCTIONS.map(({ spec, call }) => [`URA_${spec.name}`, call ? sheetsFunction(spec, call as CoreFunction) : notYet(spec.name)]),
);

/** Catalog functions whose core is not in this build (the build lists them). */
export const notBuilt: readonly string[] = FUNCTIONS.filter((f) => !f.call).map((f) => `URA_${f.spec.name}`);
