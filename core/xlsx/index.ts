export { columnLetters } from './cells.js';
export { inSheetTerms, isLegacyXls, isXlsx, MAX_WORKBOOK_EXPANDED, readSheet, type SheetOptions, type SheetText } from './workbook.js';
export type { InflateRaw } from './zip.js';
