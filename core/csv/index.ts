/** CSV in (UTF-8/BOM/CP932, typed columns, all problems) and out (BOM, Shift_JIS, injection-safe). */
export * from './columns.js';
export * from './encoding.js';
export * from './errors-csv.js';
export * from './parse.js';
export * from './table.js';
export * from './write.js';
