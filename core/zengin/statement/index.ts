/** 全銀 statements banks send to the account holder: 入出金取引明細 (03) and 振込入金通知 (01). */
export * from './fixed-records.js';
export * from './transaction-statement.js';
export * from './transfer-notice.js';
