/** 入金消込 (deposits ↔ open receivables) and 銀行勘定調整表 (bank ↔ cash ledger). */
export * from './bank-csv-formats.js';
export * from './bank-statement.js';
export * from './combination.js';
export * from './fee-table.js';
export * from './learned.js';
export * from './limits.js';
export * from './match.js';
export * from './open-item-index.js';
export * from './open-items.js';
export * from './types.js';
export * from './report.js';
export * from './run.js';
export * from './status.js';
export * from './bank-rec.js';
