/**
 * `urakata payments`: 総合振込 (全銀 種別コード 21) for paying suppliers, and the payment list.
 * Everything is worked out in memory first; the 全銀 file and the list are written all or none.
 * A refused row (an account the bank would bounce, a reference that does not fit) stops the run
 * unless --skip-refused, which pays the rest and lists the refused rows.
 */
import { toCsvText, writeCsv } from '../core/csv/write.js';
import type { IsoDate } from '../core/dates/calendar.js';
import { formatProblem, isError, type Problem } from '../core/errors.js';
import { type PaidItem, paymentJournal } from '../core/journal/payments.js';
import { formatYen } from '../core/money/yen.js';
import { accountFilePath, type Payment, paymentListRows, paymentFiles, planPayments } from '../core/zengin/transfer/payables.js';
import { type PaymentCompany, parsePaymentCompany } from '../core/zengin/transfer/payment-company.js';
import { EXIT_INPUT, EXIT_OK, type CliIo } from './command.js';
import {
  isProblem,
  type OutputFile,
  parseFlags,
  readInput,
  readJsonFile,
  reportProblems,
  requireFlag,
  SHEET_FLAG,
  SHEET_USAGE,
  writeOutputs,
} from './io.js';
import { addJournal, JOURNAL_FLAGS, JOURNAL_USAGE, journalRequest } from './journal.js';
import { dateFlag, withUsage } from './payroll.js';

const USAGE = `使い方 / usage:
  urakata payments --payables FILE --company FILE.json --date YYYY-MM-DD --zengin FILE
                   [--list FILE.csv] [--skip-refused] [--journal FILE [--journal-format yayoi|mf|csv] [--accounts FILE]]
  --payables: 支払一覧 / payables: vendor_id, vendor_name, bank_code, branch_code, account_type, account_number,
              account_holder (カナ), amount, fee_burden (当方/先方), reference (EDI情報),
              debit_account (with debit_accounts in the company file: one 全銀 file per account)
  --date: 振込指定日 (a bank business day)
  --list: 支払一覧 (paid and refused rows); without it the list goes to standard output
  --skip-refused: 誤りのある行を除いて振り込み、除いた行を一覧に載せる（1行でもあれば終了コード1。指定しなければ1行の誤りで全体を中止）
                 pay the good rows and list the refused ones, exit 1 if any was (default: any refused row stops the run)
${JOURNAL_USAGE}${SHEET_USAGE}`;

async function readCompany(io: CliIo, path: string): Promise<{ company?: PaymentCompany; problems: Problem[] }> {
  const r = await readJsonFile(io, path);
  return r.json === undefined ? { problems: r.problems } : parsePaymentCompany(r.json, path);
}

/** Problems about the transfer date name the --date flag. */
function labelDate(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => (p.file === '' ? { ...p, file: 'コマンドライン / command line', column: '--date' } : p));
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, USAGE, async () => {
    const f = parseFlags(argv, {
      payables: { type: 'string' },
      company: { type: 'string' },
      date: { type: 'string' },
      zengin: { type: 'string' },
      list: { type: 'string' },
      'skip-refused': { type: 'boolean' },
      ...SHEET_FLAG,
      ...JOURNAL_FLAGS,
      help: { type: 'boolean', short: 'h' },
    });
    if (f.help) {
      io.out(USAGE);
      return EXIT_OK;
    }
    const payablesPath = requireFlag(f.payables, 'payables');
    const companyPath = requireFlag(f.company, 'company');
    const date = dateFlag(requireFlag(f.date, 'date'), 'date') ?? '';
    const zenginPath = requireFlag(f.zengin, 'zengin');

    const payables = await readInput(io, payablesPath, { sheet: f.sheet });
    const company = await readCompany(io, companyPath);
    const journal = await journalRequest(io, f);
    const problems: Problem[] = [...(isProblem(payables) ? [payables] : []), ...company.problems, ...journal.problems];
    if (isProblem(payables) || !company.company) return reportProblems(io, problems) ?? EXIT_INPUT;

    const plan = planPayments({ data: payables.bytes, file: payables.name }, company.company, date);
    problems.push(...labelDate(plan.problems));
    const refusedRows = new Set(plan.refused.map((r) => r.row));
    // With --skip-refused a refused row is listed, not fatal; anything else (the date, the company,
    // a file that cannot be read, no payment left) still stops the run.
    const fatal = f['skip-refused']
      ? problems.filter((p) => !(isError(p) && p.file === payables.name && refusedRows.has(p.row)))
      : problems;
    for (const p of problems) if (!fatal.includes(p)) io.err(`支払わずに一覧へ / not paid, listed: ${formatProblem(p)}\n`);
    const rejected = reportProblems(io, fatal);
    if (rejected !== undefined) return rejected;
    if (plan.payments.length === 0) {
      io.err('支払う行がありません。出力は作成していません。 / nothing to pay; no output written.\n');
      return EXIT_INPUT;
    }

    const list = paymentListRows(plan);
    const files = paymentFiles(plan, company.company, date);
    const outputs: OutputFile[] = files.map((z) => ({ path: accountFilePath(zenginPath, z.account), data: z.data }));
    if (f.list !== undefined) outputs.push({ path: f.list, data: writeCsv(list) });
    const paid = plan.payments.map((p) => paidItem(p, date));
    const failed = addJournal(io, journal.request, (map) => paymentJournal(paid, map), outputs) ?? (await writeOutputs(io, outputs));
    if (failed !== undefined) return failed;
    if (f.list === undefined) io.out(toCsvText(list));
    if (files.length > 1) {
      for (const z of files) {
        const path = accountFilePath(zenginPath, z.account);
        io.err(`${path}: ${z.count}件 ${formatYen(z.total)}円 / ${z.count} transfers, ${z.total} yen\n`);
      }
    }

    const sum = (pick: (p: (typeof plan.payments)[number]) => number) => plan.payments.reduce((s, p) => s + pick(p), 0);
    const [amount, deducted, transferred] = [sum((p) => p.amount), sum((p) => p.feeDeducted), sum((p) => p.transferred)];
    io.err(
      `${plan.payments.length}件 振込指定日 ${date}: 支払金額 ${formatYen(amount)}円 先方負担手数料 ${formatYen(deducted)}円 ` +
        `振込金額 ${formatYen(transferred)}円${refusedRows.size > 0 ? ` 不可 ${refusedRows.size}行` : ''} / ` +
        `${plan.payments.length} transfers on ${date}: amount ${amount}, fees deducted ${deducted}, transferred ${transferred}` +
        `${refusedRows.size > 0 ? `, ${refusedRows.size} row(s) refused` : ''}\n`,
    );
    // The good rows are paid, but a row was refused: 1, as invoices exits with a rejected invoice, so a script sees it.
    return refusedRows.size > 0 ? EXIT_INPUT : EXIT_OK;
  });
}

/** A payment as the 仕訳 books it: 買掛金 of the vendor cleared, the fee by who bears it. */
function paidItem(p: Payment, date: IsoDate): PaidItem {
  return {
    vendor: p.vendorName,
    amount: p.amount,
    fee: p.bankFee,
    feeBurden: p.feeBurden === 'payee' ? 'theirs' : 'ours',
    date,
    memo: `${p.vendorName} 支払${p.reference ? ` ${p.reference}` : ''}`,
  };
}
