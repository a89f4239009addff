/** 全銀 transfer files: 給与・賞与振込 (種別コード 11/12), 総合振込 (21), the half-width kana they need, 振込手数料. */
export * from './company.js';
export * from './fees.js';
export * from './file.js';
export * from './kana.js';
export * from './payables.js';
export * from './payment-company.js';
