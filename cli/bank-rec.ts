/**
 * `urakata bank-rec`: 銀行勘定調整表 between a bank statement (全銀 03, bank CSV, generic CSV)
 * and the cash ledger, as of a date. CSV (or JSON by extension); any input error: every problem
 * listed, nothing written.
 */
import { objectsToRows, toCsvText, writeCsv } from '../core/csv/write.js';
import { todayInTokyo } from '../core/dates/calendar.js';
import { parseDate } from '../core/dates/parse.js';
import type { Problem } from '../core/errors.js';
import { readBankStatement } from '../core/reconcile/bank-statement.js';
import { BANK_REC_COLUMNS, bankRecRows, bankReconciliation, readBook } from '../core/reconcile/bank-rec.js';
import { renderBankRec } from '../core/reconcile/bank-rec-pdf.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import { japaneseFonts } from '../functions/fonts.js';
import { isProblem, parseFlags, readInput, reportProblems, requireFlag, SHEET_FLAG, UsageError, writeOutputs, SHEET_USAGE } from './io.js';

const USAGE = `使い方 / usage:
  urakata bank-rec --bank FILE --book FILE --as-of YYYY-MM-DD [--out FILE.csv|FILE.json] [--pdf FILE.pdf]
                   [--window BUSINESS_DAYS] [--account 当座預金] [--company NAME] [--label 口座の表示名]
                   [--bank-account 口座番号]
  --account: the GL account of this bank account in the proposed 修正仕訳; --company, --label: PDF header.
  --bank-account: which account to reconcile when a 全銀 入出金取引明細 holds several.
${SHEET_USAGE}`;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await bankRec(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

async function bankRec(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, {
    bank: { type: 'string' },
    book: { type: 'string' },
    'as-of': { type: 'string' },
    out: { type: 'string' },
    window: { type: 'string' },
    account: { type: 'string' },
    'bank-account': { type: 'string' },
    pdf: { type: 'string' },
    company: { type: 'string' },
    label: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...SHEET_FLAG,
  });
  if (flags.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const bankPath = requireFlag(flags.bank, 'bank');
  const bookPath = requireFlag(flags.book, 'book');
  const asOfText = requireFlag(flags['as-of'], 'as-of');
  const asOf = parseDate(asOfText);
  if (!asOf) throw new UsageError(`--as-of の日付が読めません / --as-of is not a date: ${asOfText}`);
  const window = flags.window === undefined ? 5 : Number(flags.window);
  if (!Number.isInteger(window) || window < 0 || window > 30)
    throw new UsageError('--window は0〜30の営業日数です / --window must be 0–30 business days');

  const problems: Problem[] = [];
  const bankFile = await readInput(io, bankPath, { sheet: flags.sheet });
  const bookFile = await readInput(io, bookPath, { sheet: flags.sheet });
  if (isProblem(bankFile)) problems.push(bankFile);
  if (isProblem(bookFile)) problems.push(bookFile);
  // Core has no clock: a 全銀 file's two-digit years are read against the day the command runs.
  const today = todayInTokyo(new Date());
  const statement = isProblem(bankFile) ? undefined : readBankStatement(bankFile.bytes, bankFile.name, { today });
  const book = isProblem(bookFile) ? undefined : readBook(bookFile.bytes, bookFile.name);
  problems.push(...(statement?.problems ?? []), ...(book?.problems ?? []));
  const rejected = reportProblems(io, problems);
  if (rejected !== undefined || !statement || !book) return rejected ?? 1;

  const result = bankReconciliation(statement, book.entries, asOf, {
    windowDays: window,
    ...(flags.account ? { accountName: flags.account } : {}),
    ...(flags['bank-account'] ? { bankAccount: flags['bank-account'] } : {}),
  });
  const late = reportProblems(io, result.problems);
  if (late !== undefined) return late;
  const rows = bankRecRows(result);
  const out = flags.out;
  // The statement and its PDF are written together or not at all.
  const outputs: { path: string; data: Uint8Array | string }[] = [];
  // Printed once the PDF is in place: a PDF that cannot be written prints nothing.
  const printed = out === undefined ? toCsvText(objectsToRows(BANK_REC_COLUMNS, rows)) : undefined;
  if (out?.toLowerCase().endsWith('.json'))
    outputs.push({ path: out, data: `${JSON.stringify({ format: statement.format, ...result, problems: undefined }, null, 2)}\n` });
  else if (out !== undefined) outputs.push({ path: out, data: writeCsv(objectsToRows(BANK_REC_COLUMNS, rows)) });
  if (flags.pdf !== undefined) {
    const bytes = await renderBankRec(result, {
      fonts: japaneseFonts(),
      ...(flags.label ? { accountLabel: flags.label } : {}),
      ...(flags.company ? { companyName: flags.company } : {}),
    });
    outputs.push({ path: flags.pdf, data: bytes });
  }
  const failed = await writeOutputs(io, outputs);
  if (failed !== undefined) return failed;
  if (printed !== undefined) io.out(printed);
  io.err(
    `${asOf} 銀行残高 ${result.bankBalance}円 → 修正後 ${result.adjustedBank}円 / 帳簿残高 ${result.bookBalance}円 → 修正後 ${result.adjustedBook}円 / 差異 ${result.difference}円\n`,
  );
  return EXIT_OK;
}
