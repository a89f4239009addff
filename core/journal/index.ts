/** 仕訳 (journal entries) from every run, and the import files of the accounting packages. */
export * from './accounts.js';
export * from './entry.js';
export * from './payments.js';
export * from './formats.js';
export * from './invoices.js';
export * from './payroll.js';
export * from './reconcile.js';
export * from './tax-names.js';
export * from './year-end.js';
