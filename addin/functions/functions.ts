/// <reference types="custom-functions-runtime" />
/**
 * The functions bundle: registers every catalog function as URA.<NAME> in Excel's shared runtime.
 * A function whose core is not in this build answers #N/A saying so, rather than leaving the cell
 * on #NAME? with no explanation.
 */
import { FUNCTION_CATALOG } from '../../core/sheet-functions/catalog.js';
import * as core from '../../core/sheet-functions/index.js';
import { type CoreFunction, type CustomFunctionsHost, excelFunction } from './excel-adapter.js';

const implementations = core as unknown as Record<string, CoreFunction | undefined>;

// The taskpane page loads this bundle too; opened outside Excel there is nothing to register with.
if (typeof CustomFunctions !== 'undefined') {
  for (const spec of FUNCTION_CATALOG) {
    const fn = implementations[spec.name];
    CustomFunctions.associate(
      spec.name,
      excelFunction(spec, typeof fn === 'function' ? fn : undefined, CustomFunctions as unknown as CustomFunctionsHost),
    );
  }
}
