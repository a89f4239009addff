/**
 * 給与計算 (payroll): monthly pay and bonuses with the official 2025–2026 rates, each table keyed
 * by its effective date and refusing dates it does not know. 源泉所得税 lives in `withholding/`.
 * `payslip.ts` is imported on its own: it pulls in pdfkit, which the spreadsheet bundles must not carry.
 */
export * from './age-rules.js';
export * from './bonus.js';
export * from './commute.js';
export * from './employment-insurance.js';
export * from './input.js';
export * from './keyed-rows.js';
export * from './monthly.js';
export * from './output.js';
export * from './overtime.js';
export * from './pay-date.js';
export * from './prefectures.js';
export * from './rates/employment.js';
export * from './rates/kyoukai.js';
export * from './rates/select.js';
export * from './rates/social.js';
export * from './resident-tax.js';
export * from './run.js';
export * from './share.js';
export * from './social-insurance.js';
export * from './standard-remuneration.js';
export * from './year-end/index.js';
