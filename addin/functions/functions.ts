/// <reference types="custom-functions-runtime" />
/**
 * The functions bundle: registers every catalog function as URA.<NAME> in Excel's shared runtime.
 * A function whose core is not in this build answers #N/A saying so, rather than leaving the cell
 * on #NAME? with no explanation.
 */
import { todayInTokyo } from '../../core/dates/calendar.js';
import { FUNCTION_CATALOG } from '../../core/sheet-functions/catalog.js';
import { sheetFunctionsByDay } from '../../core/sheet-functions/index.js';
import { type CoreFunction, type CustomFunctionsHost, excelFunction } from './excel-adapter.js';

const byDay = sheetFunctionsByDay();
/**
 * The core functions as of today in Tokyo, by this runtime's clock. Asked for at every call: the
 * shared runtime stays up while the workbook is open, past midnight too.
 */
const functionsToday = () => byDay(todayInTokyo(new Date())) as unknown as Record<string, CoreFunction | undefined>;

// The taskpane page loads this bundle too; opened outside Excel there is nothing to register with.
if (typeof CustomFunctions !== 'undefined') {
  const built = functionsToday();
  for (const spec of FUNCTION_CATALOG) {
    const call: CoreFunction = (...args) => (functionsToday()[spec.name] as CoreFunction)(...args);
    CustomFunctions.associate(
      spec.name,
      excelFunction(spec, typeof built[spec.name] === 'function' ? call : undefined, CustomFunctions as unknown as CustomFunctionsHost),
    );
  }
}
