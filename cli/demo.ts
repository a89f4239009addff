/**
 * `urakata demo`: runs every built command on the sample files in examples/ and writes the
 * results under .urakata/demo/ — the "main job on embedded defaults" a newcomer runs first. The
 * folder is the demo's own and is made anew on each run: the invoices issued there by an earlier
 * version (other bytes under the same numbers) would otherwise be refused as conflicts, as a
 * real register must.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import { COMMANDS } from './commands.js';
import { parseFlags, UsageError } from './io.js';

interface Recipe {
  readonly command: string;
  readonly title: string;
  /** Arguments; paths are relative to the repository root. */
  readonly args: readonly string[];
  /** Sample files the recipe reads. */
  readonly inputs: readonly string[];
}

const OUT = '.urakata/demo';

export const RECIPES: readonly Recipe[] = [
  {
    command: 'payroll',
    title: '給与計算 2026年12月25日支給 / payroll for pay date 2026-12-25',
    args: [
      '--employees',
      'examples/payroll/employees.csv',
      '--attendance',
      'examples/payroll/attendance.csv',
      '--pay-date',
      '2026-12-25',
      '--out',
      `${OUT}/payroll-2026-12.csv`,
      '--zengin',
      `${OUT}/zengin-salary-2026-12.txt`,
      '--company',
      'examples/payroll/company.json',
      '--payslips',
      `${OUT}/payslips-2026-12`,
    ],
    inputs: ['examples/payroll/employees.csv', 'examples/payroll/attendance.csv', 'examples/payroll/company.json'],
  },
  {
    command: 'payroll',
    title: '給与計算 2027年1月25日支給（令和9年分の税額表）/ payroll for 2027-01-25 (2027 tables)',
    args: [
      '--employees',
      'examples/payroll/employees.csv',
      '--attendance',
      'examples/payroll/attendance.csv',
      '--pay-date',
      '2027-01-25',
      '--out',
      `${OUT}/payroll-2027-01.csv`,
    ],
    inputs: ['examples/payroll/employees.csv', 'examples/payroll/attendance.csv'],
  },
  {
    command: 'bonus',
    title: '賞与計算 / bonus',
    args: [
      '--employees',
      'examples/payroll/employees.csv',
      '--bonuses',
      'examples/payroll/bonuses.csv',
      '--pay-date',
      '2026-12-10',
      '--out',
      `${OUT}/bonus-2026-12.csv`,
    ],
    inputs: ['examples/payroll/employees.csv', 'examples/payroll/bonuses.csv'],
  },
  {
    command: 'nencho',
    title: '年末調整 令和8年分と源泉徴収票 / year-end adjustment 2026 and withholding slips',
    args: [
      '--year',
      '2026',
      '--employees',
      'examples/payroll/employees.csv',
      '--declarations',
      'examples/payroll/declarations.csv',
      '--totals',
      'examples/payroll/year-totals.csv',
      '--out',
      `${OUT}/nencho-2026.csv`,
      '--slips',
      `${OUT}/gensen-2026`,
      '--payer',
      'examples/payroll/payer.json',
    ],
    inputs: ['examples/payroll/employees.csv', 'examples/payroll/declarations.csv', 'examples/payroll/year-totals.csv'],
  },
  {
    command: 'payroll',
    title: '12月の給与に年末調整を反映 / December pay carrying the year-end settlement',
    args: [
      '--employees',
      'examples/payroll/employees.csv',
      '--attendance',
      'examples/payroll/attendance.csv',
      '--pay-date',
      '2026-12-25',
      '--year-end',
      `${OUT}/nencho-2026.csv`,
      '--out',
      `${OUT}/payroll-2026-12-nencho.csv`,
      '--zengin',
      `${OUT}/zengin-salary-2026-12-nencho.txt`,
      '--company',
      'examples/payroll/company.json',
      '--payslips',
      `${OUT}/payslips-2026-12-nencho`,
      '--journal',
      `${OUT}/journal-payroll-2026-12-yayoi.txt`,
      '--journal-format',
      'yayoi',
      '--accounts',
      'examples/journal/accounts.csv',
    ],
    inputs: [
      'examples/payroll/employees.csv',
      'examples/payroll/attendance.csv',
      `${OUT}/nencho-2026.csv`,
      'examples/journal/accounts.csv',
    ],
  },
  {
    command: 'reconcile',
    title: '入金消込 / deposits against open invoices',
    args: [
      '--bank',
      'examples/reconcile/bank.csv',
      '--open-items',
      'examples/reconcile/open-items.csv',
      '--out',
      `${OUT}/reconcile.csv`,
      '--journal',
      `${OUT}/journal-reconcile-mf.csv`,
      '--journal-format',
      'mf',
    ],
    inputs: ['examples/reconcile/bank.csv', 'examples/reconcile/open-items.csv'],
  },
  {
    command: 'bank-rec',
    title: '銀行勘定調整表 / bank reconciliation statement',
    args: [
      '--bank',
      'examples/reconcile/bank.csv',
      '--book',
      'examples/reconcile/book.csv',
      '--as-of',
      '2026-06-30',
      '--out',
      `${OUT}/bank-rec.json`,
      '--pdf',
      `${OUT}/bank-rec.pdf`,
    ],
    inputs: ['examples/reconcile/bank.csv', 'examples/reconcile/book.csv'],
  },
  {
    command: 'payments',
    title: '総合振込 2026年6月30日 / supplier payments on 2026-06-30',
    args: [
      '--payables',
      'examples/payments/payables.csv',
      '--company',
      'examples/payments/company.json',
      '--date',
      '2026-06-30',
      '--zengin',
      `${OUT}/zengin-sogo-2026-06.txt`,
      '--list',
      `${OUT}/payments-2026-06.csv`,
      '--journal',
      `${OUT}/journal-payments-2026-06-yayoi.txt`,
      '--journal-format',
      'yayoi',
    ],
    inputs: ['examples/payments/payables.csv', 'examples/payments/company.json'],
  },
  {
    command: 'invoices',
    title: '適格請求書の一括発行 / qualified invoices in bulk',
    args: [
      '--in',
      'examples/invoices/lines.csv',
      '--issuer',
      'examples/invoices/issuer.json',
      '--out',
      `${OUT}/invoices`,
      '--zip',
      '--pint',
      '--journal',
      `${OUT}/journal-invoices.csv`,
    ],
    inputs: ['examples/invoices/lines.csv', 'examples/invoices/issuer.json'],
  },
];

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // The demo takes no argument but its help: anything else is a usage error, not a rebuilt demo folder.
  let help: boolean | undefined;
  try {
    help = parseFlags(argv, { help: { type: 'boolean', short: 'h' } }).help;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${e.message}\nurakata demo [--help]\n`);
    return EXIT_USAGE;
  }
  if (help) {
    io.out('urakata demo — examples/ のサンプルで各コマンドを実行し .urakata/demo/ に出力 / run every command on the samples\n');
    return EXIT_OK;
  }
  // Imported here, not at the top: main.ts imports the command table that lists this module.
  const { main } = await import('./main.js');
  // Only where the samples are (the demo's own folder of a clone): elsewhere nothing is run or
  // removed. A folder that cannot be removed (a result open in another program) is said, not a crash.
  if (!RECIPES.some((r) => r.inputs.every((f) => existsSync(resolve(io.cwd, f))))) {
    io.err(
      `サンプル（examples/）が見つかりません。リポジトリのフォルダ（README.md のあるところ）で実行してください / the samples (examples/) are not here; run this in the repository's folder, where README.md is\n`,
    );
    return EXIT_INPUT;
  }
  try {
    rmSync(resolve(io.cwd, OUT), { recursive: true, force: true, maxRetries: 3 });
  } catch (e) {
    io.err(
      `前回の結果 ${OUT} を削除できません（${(e as NodeJS.ErrnoException).code ?? e}）。開いているファイルを閉じてください / cannot remove the previous results in ${OUT}; close any file open from it\n`,
    );
  }
  let failed = 0;
  for (const recipe of RECIPES) {
    const entry = COMMANDS.find((c) => c.name === recipe.command);
    const missing = recipe.inputs.filter((f) => !existsSync(resolve(io.cwd, f)));
    io.out(`\n== ${recipe.title}\n`);
    if (!entry?.load || missing.length > 0) {
      io.out(`   (未実装のため省略 / skipped: not built yet${missing.length ? `; missing ${missing.join(', ')}` : ''})\n`);
      continue;
    }
    io.out(`   $ urakata ${recipe.command} ${recipe.args.join(' ')}\n`);
    const code = await main([recipe.command, ...recipe.args], io);
    if (code !== EXIT_OK) {
      failed++;
      io.err(`   終了コード / exit code ${code}\n`);
    }
  }
  io.out(`\n出力先 / results: ${resolve(io.cwd, OUT)}\n`);
  return failed === 0 ? EXIT_OK : 1;
}
