/** A4 Japanese PDF documents over pdfkit: embedded font subset, text, rules, tables, page numbers. */
export * from './document.js';
export * from './table.js';
