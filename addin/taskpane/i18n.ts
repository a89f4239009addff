/**
 * The taskpane's two languages. Japanese is written in the HTML itself (what a user sees with no
 * script at all); English replaces it when the toggle is on. Messages built in code come from `t`.
 */
import { STATUS_NAMES as NAME } from '../../core/reconcile/status.js';

export type Lang = 'ja' | 'en';

/** English for every `data-i18n` key of taskpane.html. */
export const ENGLISH: Readonly<Record<string, string>> = {
  'app.title': 'Urakata',
  'app.toggle': '日本語',
  'tabs.label': 'Tasks',
  'tabs.reconcile': 'Reconcile',
  'tabs.payroll': 'Payroll',
  'tabs.nencho': 'Year-end',
  'tabs.invoice': 'Invoices',
  'tabs.settings': 'Settings',
  'common.useSelection': 'Use selection',
  'rec.title': 'Payment reconciliation',
  'rec.statement': 'Bank statement',
  'rec.bankRange': 'Sheet range (with header row)',
  'rec.drop': 'Drop a file here (CSV, Shift_JIS, Zengin). Press Enter to choose a file.',
  'rec.chooseFile': 'Choose a file',
  'rec.openRange': 'Open items range (with header row)',
  'rec.run': 'Reconcile',
  'rec.applyAuto': 'Apply automatic matches',
  'rec.confirm': 'Confirm selected suggestions',
  'rec.exportLearned': 'Save learned table as CSV',
  'rec.journalFormat': 'Journal format',
  'rec.journal': 'Build the journal sheet and save the file',
  'rec.journalHelp': 'The journal books the automatic matches (auto) of this run, with the default accounts.',
  'rec.confirmHelp':
    'Select the rows to confirm in the result sheet first. Confirming writes 消込済 to the open items and learns the payer name.',
  'pay.title': 'Payroll',
  'pay.employees': 'Employees range (with header row)',
  'pay.attendance': 'Attendance range (with header row)',
  'pay.date': 'Pay date',
  'pay.yearEnd': "Year-end adjustment result range (to settle it in the year's last pay; optional)",
  'pay.yearEndHelp':
    "The table the year-end tab made. Its refunds and extra tax go into net pay, the payslips, the Zengin file and the journal as 年末調整. For December's pay, build the payroll sheet without it first, run the year-end with that pay among the pay ranges, then settle.",
  'pay.run': 'Build payroll sheet',
  'pay.company': 'Company file company.json (for the Zengin file)',
  'pay.zengin': 'Save the Zengin salary transfer file',
  'pay.slips': 'Save payslip PDFs (ZIP)',
  'pay.journalFormat': 'Journal format',
  'pay.journal': 'Build the journal sheet and save the file',
  'pay.zenginHelp':
    'The Zengin file needs bank code, branch code, account type, account number and holder kana in the employees range. Payslips print the issuer name from Settings as the company.',
  'nen.title': 'Year-end adjustment',
  'nen.employees': 'Employees range (with header row)',
  'nen.declarations': 'Declarations range (with header row)',
  'nen.pay': 'Pay range (year totals, or payroll tables)',
  'nen.addSelection': 'Add selection',
  'nen.payHelp':
    'Year totals have the columns employee_id, total_pay, withheld_tax, social_insurance. For payroll tables (such as the 給与_YYYY-MM-DD sheets, with a pay_date column) list every salary and bonus of the year, separated by ";" (Add selection adds one). Rows paid in another year are not summed.',
  'nen.year': 'Year',
  'nen.run': 'Run the year-end adjustment',
  'nen.slips': 'Save withholding slip PDFs (ZIP)',
  'nen.slipsHelp':
    "One withholding slip (the employee's copy) per employee. The issuer in Settings (name, address, phone) is printed as the payer.",
  'inv.title': 'Qualified invoices (batch)',
  'inv.range': 'Invoice lines range (with header row)',
  'inv.send': 'Send to the API and issue',
  'inv.download': 'Download the invoices (ZIP)',
  'inv.preview': 'Preview the first',
  'inv.previewLink': 'Open the preview (PDF)',
  'inv.journalFormat': 'Journal format',
  'inv.journal': 'Build the journal sheet and save the file',
  'inv.journalHelp':
    'The journal books each invoice of the range that has no problem (receivables against sales by tax rate, credit notes reversed) with the default accounts, settled with the issuer and rounding of Settings.',
  'set.title': 'Settings',
  'set.help': 'The API endpoint and key are kept in the add-in storage of this computer, never in the workbook.',
  'set.endpoint': 'API endpoint',
  'set.key': 'API key',
  'set.rounding': 'Consumption tax rounding',
  'set.floor': 'Round down',
  'set.round': 'Round half up',
  'set.ceil': 'Round up',
  'set.maxCombination': 'Most invoices one deposit may settle (combinations)',
  'set.save': 'Save',
  'set.issuer': 'Issuer (printed on invoices)',
  'set.issuerName': 'Name',
  'set.issuerNumber': 'Registration number (T + 13 digits)',
  'set.issuerAddress': 'Address',
  'set.issuerPhone': 'Phone',
};

export const JA_MESSAGES: Readonly<Record<string, string>> = {
  reading: 'シートを読み込んでいます…',
  matching: '照合しています…',
  writing: '結果シートに書き出しています…',
  done: `完了: 入金 {deposits}件 — ${NAME.auto.ja} {auto}件・${NAME.suggested.ja} {suggested}件・${NAME.unmatched.ja} {unmatched}件（{format}）`,
  rejected: '入力に誤りがあります（{count}件）。直してからもう一度実行してください。',
  needStatement: '入金明細の範囲を入力するか、ファイルをドロップしてください。',
  needOpenItems: '請求残の範囲を入力してください。',
  notRun: '先に消込を実行してください。',
  noSelection: '結果シート「{sheet}」で確定する行を選んでください。',
  confirmed: '{count}件を確定し、請求残に「消込済」と書きました（学習データ {facts}件）。',
  applied: '自動消込 {count}件を請求残に反映しました。',
  fileChosen: 'ファイル: {name}',
  failed: 'エラー: {message}',
  payRunning: '給与を計算しています…',
  payDone: '給与一覧「{sheet}」を作成しました（{count}人）。',
  needRanges: '範囲と支給日を入力してください。',
  needCompany: '委託者情報（company.json）を選んでください。',
  zenginSaved: '全銀ファイル {name} を保存しました。',
  journalSaved: '仕訳シート「{sheet}」を作成し、{name} を保存しました（{count}件）。',
  noJournal: '自動消込がないため、仕訳はありません。',
  needInvoiceLines: '請求明細の範囲を入力してください。',
  invJournalRunning: '請求書の仕訳を作成しています…',
  invJournalPartial:
    '仕訳シート「{sheet}」を作成し、{name} を保存しました（{count}件）。下の誤りがある請求書 {rejected}件は計上していません。',
  invUploading: '請求明細を送信しています…',
  invWaiting: '発行中です… {done}%',
  invDone: '完了: {counts}',
  invFailed: 'バッチが失敗しました（下の理由）。{counts}',
  saved: '保存しました。',
  payslipsRunning: '給与明細PDFを作成しています…',
  payslipsSaved: '給与明細 {count}人分を {name} に保存しました。',
  previewing: '1件目の請求書をPDFにしています…',
  previewDone: '{name} のプレビューができました。',
  resultSheet: `結果はシート「{sheet}」にあります。緑は${NAME.auto.ja}（auto）、黄は${NAME.suggested.ja}（suggested）、赤は${NAME.unmatched.ja}（unmatched）です。`,
  needYearEnd: '社員マスタ・申告書・給与の範囲を入力してください。',
  nenRunning: '年末調整を計算しています…',
  nenDone: '「{sheet}」を作成しました（{count}人）。',
  nenPartial:
    '「{sheet}」を作成しました（{count}人）。下の {problems}件の誤りに関わる社員は含めていません。直してもう一度実行してください。',
  slipsRunning: '源泉徴収票PDFを作成しています…',
  slipsSaved: '源泉徴収票 {count}人分を {name} に保存しました。',
  slipsPartial: '源泉徴収票 {count}人分を {name} に保存しました。下の {problems}件の誤りに関わる社員の分は含めていません。',
};

export const EN_MESSAGES: Readonly<Record<string, string>> = {
  reading: 'Reading the sheets…',
  matching: 'Matching…',
  writing: 'Writing the result sheet…',
  done: `Done: {deposits} deposits — {auto} ${NAME.auto.en}, {suggested} ${NAME.suggested.en}, {unmatched} ${NAME.unmatched.en} ({format})`,
  rejected: 'The input has {count} problem(s). Fix them and run again.',
  needStatement: 'Enter the statement range or drop a file.',
  needOpenItems: 'Enter the open items range.',
  notRun: 'Run the reconciliation first.',
  noSelection: 'Select the rows to confirm in the result sheet "{sheet}".',
  confirmed: 'Confirmed {count}; the open items say 消込済 (learned table: {facts} entries).',
  applied: 'Applied {count} automatic matches to the open items.',
  fileChosen: 'File: {name}',
  failed: 'Error: {message}',
  payRunning: 'Computing payroll…',
  payDone: 'Payroll sheet "{sheet}" written ({count} employees).',
  needRanges: 'Enter the ranges and the pay date.',
  needCompany: 'Choose the company file (company.json).',
  zenginSaved: 'Saved the Zengin file {name}.',
  journalSaved: 'Built the journal sheet "{sheet}" and saved {name} ({count} entries).',
  noJournal: 'No automatic matches, so there is no journal.',
  needInvoiceLines: 'Enter the invoice lines range.',
  invJournalRunning: 'Booking the invoices…',
  invJournalPartial:
    'Built the journal sheet "{sheet}" and saved {name} ({count} entries). The {rejected} invoice(s) with the problems below are not booked.',
  invUploading: 'Uploading the invoice lines…',
  invWaiting: 'Issuing… {done}%',
  invDone: 'Done: {counts}',
  invFailed: 'The batch failed (reasons below). {counts}',
  saved: 'Saved.',
  payslipsRunning: 'Rendering payslips…',
  payslipsSaved: 'Saved {count} payslips as {name}.',
  previewing: 'Rendering the first invoice…',
  previewDone: 'Preview of {name} ready.',
  resultSheet: `The result is on sheet "{sheet}": green ${NAME.auto.en} (auto), yellow ${NAME.suggested.en}, red ${NAME.unmatched.en}.`,
  needYearEnd: 'Enter the employees, declarations and pay ranges.',
  nenRunning: 'Computing the year-end adjustment…',
  nenDone: 'Sheet "{sheet}" written ({count} employees).',
  nenPartial:
    'Sheet "{sheet}" written ({count} employees). Employees concerned by the {problems} problem(s) below are left out: fix them and run again.',
  slipsRunning: 'Rendering the withholding slips…',
  slipsSaved: 'Saved {count} withholding slips as {name}.',
  slipsPartial: 'Saved {count} withholding slips as {name}. Employees concerned by the {problems} problem(s) below are left out.',
};

let current: Lang = 'ja';
const original = new WeakMap<Element, string>();

/** The language the pane is shown in. */
export const language = (): Lang => current;

/**
 * A message in the current language with {placeholders} filled.
 * @example t('applied', { count: 3 }) // '自動消込 3件を請求残に反映しました。'
 */
export function t(key: string, values: Readonly<Record<string, string | number>> = {}): string {
  const template = (current === 'en' ? EN_MESSAGES : JA_MESSAGES)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/**
 * Switches every `data-i18n` element (and `data-i18n-aria` label) under root.
 * @example applyLanguage(document, 'en')
 */
export function applyLanguage(root: ParentNode, lang: Lang): void {
  current = lang;
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    if (!original.has(el)) original.set(el, el.textContent ?? '');
    const key = el.getAttribute('data-i18n') ?? '';
    el.textContent = lang === 'en' ? (ENGLISH[key] ?? original.get(el) ?? '') : (original.get(el) ?? '');
  });
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => {
    const key = el.getAttribute('data-i18n-aria') ?? '';
    if (!el.hasAttribute('data-aria-ja')) el.setAttribute('data-aria-ja', el.getAttribute('aria-label') ?? '');
    el.setAttribute('aria-label', lang === 'en' ? (ENGLISH[key] ?? '') : (el.getAttribute('data-aria-ja') ?? ''));
  });
  const html = (root as Document).documentElement;
  if (html) html.lang = lang;
}
