/// <reference types="custom-functions-runtime" />
/**
 * The functions bundle: registers every catalog function as URA.<NAME> in Excel's shared runtime.
 * A function whose core is not in this build answers #N/A saying so, rather than leaving the cell
 * on #NAME? with no explanation.
 */
import { todayInTokyo } from '../../core/dates/calendar.js';
import { hostFunctions } from '../../core/sheet-functions/index.js';
import { type CoreFunction, type CustomFunctionsHost, excelFunction } from './excel-adapter.js';

// The taskpane page loads this bundle too; opened outside Excel there is nothing to register with.
if (typeof CustomFunctions !== 'undefined') {
  // Today in Tokyo by this runtime's clock, at every call: the shared runtime stays up while the workbook is open.
  for (const { spec, call } of hostFunctions(() => todayInTokyo(new Date()))) {
    CustomFunctions.associate(
      spec.name,
      excelFunction(spec, call as CoreFunction | undefined, CustomFunctions as unknown as CustomFunctionsHost),
    );
  }
}
