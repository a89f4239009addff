/**
 * The sidebar's 年末調整: the employees, declarations and pay ranges (the year's totals, or the
 * year's payroll sheets listed with `;`) through the same core run as =URA_NENCHO, written to the
 * sheet 「年末調整 令和8年分」 with the employees no input error touches; the rest is listed. For the
 * 源泉徴収票 the server hands the same request to the sidebar, whose renderer (SlipRenderer.html,
 * fetched once) makes the PDFs: PDFs are never rendered in Apps Script.
 */
import { todayInTokyo } from '../core/dates/calendar.js';
import { explainError, problemLine } from '../core/errors.js';
import { cellToYear, splitRangeList, type YearEndRequest, yearEndRequest, yearEndSheet } from '../core/sheet-functions/nencho.js';
import type { PayerInput } from '../core/sheet-functions/withholding-slips.js';
import { gas } from './gas.js';
import { freshSheet, objectFromPairs, readRange, writeRows } from './sheet-io.js';

export interface YearEndView {
  readonly sheet: string;
  /** Employees written. */
  readonly employees: number;
  /** Input errors: the employees they touch are not written. */
  readonly errors: number;
  /** Every problem, warnings included, one line each (range, 行目 / row, 列 / column: ja / en). */
  readonly problems: readonly string[];
}

/** Core's problems as one Error the sidebar lists line by line. */
export function explained<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw explainError(e);
  }
}

/** The ranges as core's year-end request; each range is named by its A1 notation in problems. */
export function readYearEndRequest(employeesA1: unknown, declarationsA1: unknown, payA1s: unknown, year: unknown): YearEndRequest {
  const named = (a1: string, label: string) => ({ name: a1, values: readRange(a1, label) });
  const pays = splitRangeList(String(payA1s ?? ''));
  if (!employeesA1 || !declarationsA1 || pays.length === 0) {
    throw new Error('社員マスタ・申告書・給与の範囲を選んでください / pick the employees, declarations and pay ranges');
  }
  return yearEndRequest(
    // A blank year is this year, by the script's clock.
    cellToYear(typeof year === 'number' ? year : String(year ?? ''), todayInTokyo(new Date())),
    named(String(employeesA1), '社員マスタ'),
    named(String(declarationsA1), '申告書'),
    pays.map((a1) => named(a1, '給与')),
  );
}

/**
 * @example uraYearEnd("'社員'!A1:G6", "'申告書'!A1:L6", "'年間合計'!A1:D6", '2026') // → { sheet: '年末調整 令和8年分', employees: 5, errors: 0, problems: [] }
 */
export function uraYearEnd(employeesA1: unknown, declarationsA1: unknown, payA1s: unknown, year: unknown): YearEndView {
  return explained(() => {
    const request = readYearEndRequest(employeesA1, declarationsA1, payA1s, year);
    const r = yearEndSheet(request);
    const sheet = freshSheet(r.name);
    writeRows(sheet, 1, r.table);
    sheet.setFrozenRows(1);
    return { sheet: r.name, employees: r.results.length, errors: r.errors, problems: r.problems.map(problemLine) };
  });
}

/**
 * What the sidebar's slip renderer needs: the request read from the ranges and the 支払者 from
 * an optional 項目 | 値 range (name, address, phone). Only text: it crosses google.script.run.
 * @example uraYearEndSlips("'社員'!A1:G6", "'申告書'!A1:L6", "'年間合計'!A1:D6", '2026', "'支払者'!A1:B4") // → { request: {…}, payer: { json: { name: '株式会社ウラカタ', … }, file: "'支払者'!A1:B4" } }
 */
export function uraYearEndSlips(
  employeesA1: unknown,
  declarationsA1: unknown,
  payA1s: unknown,
  year: unknown,
  payerA1: unknown,
): { request: YearEndRequest; payer?: PayerInput } {
  return explained(() => {
    const request = readYearEndRequest(employeesA1, declarationsA1, payA1s, year);
    const a1 = String(payerA1 ?? '').trim();
    if (!a1) return { request };
    return { request, payer: { json: objectFromPairs(readRange(a1, '支払者'), '支払者', 'payer'), file: a1 } };
  });
}

/** The slip renderer's script (SlipRenderer.html), for the sidebar to run when slips are asked for. */
export function uraSlipRenderer(): string {
  return gas().HtmlService.createHtmlOutputFromFile('SlipRenderer').getContent();
}
