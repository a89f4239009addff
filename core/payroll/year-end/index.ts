/** 年末調整 (year-end adjustment): tables by 年分, the computation, the input files and the result table. */
export * from './compute.js';
export * from './input.js';
export * from './output.js';
export * from './run.js';
export * from './settlement.js';
export * from './tables.js';
