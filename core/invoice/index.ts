/** Qualified invoices (適格請求書): tax per rate, registration numbers, PDF, JP PINT XML, batch contract. */
export * from './input.js';
export * from './format.js';
export * from './invoice.js';
export * from './issue.js';
export * from './pdf.js';
export * from './pint.js';
export * from './rates.js';
export * from './registration.js';
export * from './tax.js';
export * from './plan.js';
export * from './pint-rules.js';
