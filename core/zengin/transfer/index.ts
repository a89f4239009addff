/** 全銀 給与・賞与振込 files (種別コード 11/12) and the half-width kana they need. */
export * from './company.js';
export * from './file.js';
export * from './kana.js';
