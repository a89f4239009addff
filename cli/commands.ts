/**
 * The command table (design §3.2). A command whose module is not built yet has no `load`:
 * it says so and exits 2.
 */
import type { CommandModule } from './command.js';

export interface CommandEntry {
  readonly name: string;
  readonly usage: string;
  readonly ja: string;
  readonly en: string;
  readonly load?: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'demo',
    usage: 'urakata demo',
    ja: 'サンプル（examples/）で全コマンドを実行し .urakata/demo/ に出力',
    en: 'run every command on the samples in examples/, results in .urakata/demo/',
    load: () => import('./demo.js'),
  },
  {
    name: 'reconcile',
    usage: 'urakata reconcile --bank FILE --open-items FILE [--learned FILE] [--tolerance YEN] [--out FILE]',
    ja: '入金消込: 入金明細と請求残高を照合',
    en: 'match bank deposits to open invoices',
    load: () => import('./reconcile.js'),
  },
  {
    name: 'bank-rec',
    usage: 'urakata bank-rec --bank FILE --book FILE --as-of DATE [--out FILE] [--pdf FILE] [--bank-account 口座番号]',
    ja: '銀行勘定調整表: 銀行明細と現金出納帳を照合',
    en: 'bank reconciliation statement between bank and cash ledger',
    load: () => import('./bank-rec.js'),
  },
  {
    name: 'payroll',
    usage:
      'urakata payroll --employees FILE --attendance FILE --pay-date DATE [--out FILE] [--zengin FILE --company FILE] [--payslips DIR] [--year-end FILE]',
    ja: '給与計算: 給与一覧、全銀 給与振込ファイル、給与明細PDF',
    en: 'monthly payroll table, Zengin salary transfer file, payslip PDFs',
    load: () => import('./payroll.js'),
  },
  {
    name: 'bonus',
    usage: 'urakata bonus --employees FILE --bonuses FILE --pay-date DATE [--out FILE]',
    ja: '賞与計算: 賞与の社会保険料と源泉所得税',
    en: 'bonus social insurance and withholding',
    load: () => import('./bonus.js'),
  },
  {
    name: 'nencho',
    usage:
      'urakata nencho --year YYYY --employees FILE --declarations FILE (--payroll FILE... | --totals FILE) [--out FILE] [--slips DIR] [--ledger FILE] [--report FILE]',
    ja: '年末調整: 年税額と過不足額、源泉徴収票PDF、賃金台帳・源泉徴収簿、給与支払報告書',
    en: 'year-end adjustment: annual tax and refund/shortfall, withholding slips, wage ledger, municipal reports',
    load: () => import('./nencho.js'),
  },
  {
    name: 'payments',
    usage: 'urakata payments --payables FILE --company FILE --date DATE --zengin FILE [--list FILE] [--skip-refused]',
    ja: '総合振込: 買掛金の支払の全銀ファイル（先方負担手数料の差引）と支払一覧',
    en: 'supplier payments: Zengin 総合振込 file (payee-borne fees deducted) and the payment list',
    load: () => import('./payments.js'),
  },
  {
    name: 'invoices',
    usage: 'urakata invoices --in FILE --issuer FILE --out DIR [--zip] [--pint] [--jobs N]',
    ja: '適格請求書PDF（+ JP PINT XML）の一括発行',
    en: 'qualified-invoice PDFs (+ JP PINT XML) in bulk',
    load: () => import('./invoices.js'),
  },
  {
    name: 'serve',
    usage: 'urakata serve [--port N] [--data DIR] [--cert FILE --key FILE] [--new-credential]',
    ja: 'ローカル環境: アドインのファイル、API、内蔵S3互換ストア',
    en: 'local stack: add-in files, the API, embedded S3-compatible store',
    load: () => import('./serve.js'),
  },
];
