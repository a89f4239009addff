/**
 * The few Apps Script services Urakata uses, typed by hand (the full @types/google-apps-script
 * would put every Google global into the one TypeScript program the whole repo shares). Reached
 * through `gas()` rather than as free globals so that nothing outside `apps-script/` can name them,
 * and so the tests' stand-ins implement exactly this surface.
 */

export type SheetValue = string | number | boolean | Date;

export interface Range {
  getValues(): SheetValue[][];
  setValues(values: SheetValue[][]): Range;
  getA1Notation(): string;
  getSheet(): Sheet;
  getNumRows(): number;
  getNumColumns(): number;
}

export interface Sheet {
  getName(): string;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): Range;
  getLastRow(): number;
  clear(): Sheet;
  setFrozenRows(rows: number): void;
  hideSheet(): Sheet;
}

export interface Spreadsheet {
  getActiveRange(): Range | null;
  /** The zone Sheets counts the spreadsheet's dates and times in (Asia/Tokyo, Australia/Sydney …). */
  getSpreadsheetTimeZone(): string;
  getRange(a1Notation: string): Range;
  getSheetByName(name: string): Sheet | null;
  insertSheet(name: string): Sheet;
  deleteSheet(sheet: Sheet): void;
  getSheets(): Sheet[];
}

export interface Menu {
  addItem(caption: string, functionName: string): Menu;
  addSeparator(): Menu;
  addToUi(): void;
}

export interface Ui {
  createMenu(caption: string): Menu;
  showSidebar(html: HtmlOutput): void;
}

export interface HtmlOutput {
  setTitle(title: string): HtmlOutput;
  append(html: string): HtmlOutput;
  getContent(): string;
}

export interface Properties {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): Properties;
  deleteProperty(key: string): Properties;
}

export interface HttpResponse {
  getResponseCode(): number;
  getContentText(): string;
}

export interface FetchOptions {
  method?: 'get' | 'post' | 'put';
  contentType?: string;
  headers?: Record<string, string>;
  payload?: string;
  muteHttpExceptions?: boolean;
}

export interface GasServices {
  SpreadsheetApp: { getActiveSpreadsheet(): Spreadsheet; getUi(): Ui };
  HtmlService: { createHtmlOutputFromFile(name: string): HtmlOutput };
  PropertiesService: { getUserProperties(): Properties; getDocumentProperties(): Properties };
  UrlFetchApp: { fetch(url: string, options?: FetchOptions): HttpResponse };
  Utilities: { formatDate(date: Date, timeZone: string, format: string): string };
}

/** The Apps Script globals, at call time (never at load time: custom functions load the same file). */
export function gas(): GasServices {
  return globalThis as unknown as GasServices;
}
