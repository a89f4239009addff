/**
 * The spreadsheet functions of DESIGN §3.1, as both hosts import them: Excel's functions bundle
 * and the Apps Script wrappers. Each area file joins here when it lands.
 */
export * from './catalog.js';
export { EMPLOYMENTINSURANCE, OVERTIMEPAY, PAYROLL, RESIDENTTAX, SOCIALINSURANCE, STANDARDMONTHLY } from './payroll.js';
export { INVOICETAX, TNUMBER } from './invoice.js';
export { KYUYOSHOTOKU, NENCHO } from './nencho.js';
export { KANA, RECONCILE } from './reconcile.js';
export { BONUSWITHHOLDING, WITHHOLDING } from './withholding.js';
