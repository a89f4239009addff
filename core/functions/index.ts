/**
 * The spreadsheet functions of DESIGN §3.1, as both hosts import them: Excel's functions bundle
 * and the Apps Script wrappers. Each area file joins here when it lands.
 */
export * from './catalog.js';
export { BONUSWITHHOLDING, WITHHOLDING } from './withholding.js';
