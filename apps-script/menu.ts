/**
 * The 「Urakata」 menu and the sidebar. Menu items must name global functions, so each pane has
 * its own small opener; the pane to show is appended to the page as data, not code.
 */
import { gas } from './gas.js';

export const PANES = ['reconcile', 'payroll', 'nencho', 'invoices', 'settings'] as const;
export type Pane = (typeof PANES)[number];

/** Simple trigger: runs when the spreadsheet opens (no authorisation needed to add a menu). */
export function onOpen(): void {
  gas()
    .SpreadsheetApp.getUi()
    .createMenu('Urakata')
    .addItem('入金消込… / Reconcile…', 'uraOpenReconcile')
    .addItem('給与計算… / Payroll…', 'uraOpenPayroll')
    .addItem('年末調整… / Year-end adjustment…', 'uraOpenNencho')
    .addItem('請求書の一括発行… / Invoices in bulk…', 'uraOpenInvoices')
    .addSeparator()
    .addItem('設定… / Settings…', 'uraOpenSettings')
    .addToUi();
}

/** Installed as an editor add-on, Sheets calls this instead of onOpen the first time. */
export function onInstall(): void {
  onOpen();
}

/** @example uraShowSidebar('payroll') // opens the sidebar on the 給与 pane */
export function uraShowSidebar(pane: unknown = 'reconcile'): void {
  const start: Pane = PANES.includes(pane as Pane) ? (pane as Pane) : 'reconcile';
  const { HtmlService, SpreadsheetApp } = gas();
  const page = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Urakata');
  // The client reads this attribute on load; a data attribute keeps it out of script context.
  page.append(`<meta name="urakata-pane" content="${start}">`);
  SpreadsheetApp.getUi().showSidebar(page);
}

export function uraOpenReconcile(): void {
  uraShowSidebar('reconcile');
}
export function uraOpenPayroll(): void {
  uraShowSidebar('payroll');
}
export function uraOpenNencho(): void {
  uraShowSidebar('nencho');
}
export function uraOpenInvoices(): void {
  uraShowSidebar('invoices');
}
export function uraOpenSettings(): void {
  uraShowSidebar('settings');
}
