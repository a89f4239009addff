/**
 * Everything Code.js exposes. The build turns each export into a plain top-level function (Apps
 * Script only sees those); `custom` holds the URA_<NAME> custom functions.
 */
export { custom, notBuilt } from './custom-functions.js';
export { uraClearApiKey, uraGetSettings, uraSaveSettings } from './settings.js';
export {
  onInstall,
  onOpen,
  uraOpenInvoices,
  uraOpenNencho,
  uraOpenPayroll,
  uraOpenReconcile,
  uraOpenSettings,
  uraShowSidebar,
} from './menu.js';
export { uraActiveRange } from './sheet-io.js';
export { uraCapabilities, uraJobCancel, uraJobPending, uraJobStart, uraJobStep } from './jobs.js';
export { uraInvoiceBatchSend, uraInvoiceBatchStatus } from './invoice-batch.js';
export { uraInvoiceJournal } from './invoice-journal.js';
export { uraPayrollJournal, uraPayrollZengin } from './payroll-zengin.js';
export { uraSlipRenderer, uraYearEnd, uraYearEndSlips } from './nencho.js';
export { uraReconcileApiPending, uraReconcileApiStart, uraReconcileApiStatus } from './reconcile-api.js';
export { uraReconcileJournal } from './reconcile-journal.js';
