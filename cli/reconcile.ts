/**
 * `urakata reconcile`: 入金消込. Reads a bank statement (全銀 03/01, bank CSV, generic CSV) and
 * the open items, matches every deposit, writes one row per deposit (CSV, or JSON by extension).
 * With --learned, the learned payer/fee table is read, and updated with this run's automatic
 * matches (in place, or into --learned-out). Any input error: every problem listed, nothing written.
 */
import { toCsvText, writeCsv } from '../core/csv/write.js';
import { todayInTokyo } from '../core/dates/calendar.js';
import type { Problem } from '../core/errors.js';
import { EMPTY_LEARNED, type Learned, learnConfirmed, learnedToRows, learnFrom, readLearned } from '../core/reconcile/learned.js';
import { reconcileCsvPieces, reconcileTable } from '../core/reconcile/report.js';
import { type ReconcileRun, readRunStatement, reconcileJsonPieces, runReconcile } from '../core/reconcile/run.js';
import { STATUS_NAMES as NAME } from '../core/reconcile/status.js';
import { journalCustomers, reconcileJournal } from '../core/journal/reconcile.js';
import { readOpenItemsAside } from './open-items-reader.js';
import { addJournal, JOURNAL_FLAGS, JOURNAL_USAGE, journalRequest } from './journal.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import {
  isProblem,
  type OutputFile,
  parseFlags,
  readInput,
  reportProblems,
  requireFlag,
  SHEET_FLAG,
  SHEET_USAGE,
  UsageError,
  writeOutputs,
} from './io.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const USAGE = `使い方 / usage:
  urakata reconcile --bank FILE --open-items FILE [--learned FILE [--learned-out FILE] [--confirm RESULT.csv]]
                    [--tolerance YEN] [--out FILE.csv|FILE.json]
  --tolerance: 許容差額（円）。入金が請求額より不足・超過していても、この差までなら消し込む（既定 0。請求残の
             得意先ごとの tolerance 列が優先）。差額は difference_treatment に 支払手数料・雑損失（不足）か雑収入（超過）
             yen a payment may be short or over one invoice and still clear it (default 0; a customer's own
             tolerance column in the open items overrides it), the difference booked as difference_treatment
  --confirm: 前回の結果で、認める行の status を confirmed（確定）にしたもの。照合の前に学習する
             a previous result with status set to "confirmed" on the rows you accept; learned before matching
${JOURNAL_USAGE}${SHEET_USAGE}`;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await reconcile(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

async function reconcile(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, {
    bank: { type: 'string' },
    'open-items': { type: 'string' },
    learned: { type: 'string' },
    'learned-out': { type: 'string' },
    confirm: { type: 'string' },
    tolerance: { type: 'string' },
    out: { type: 'string' },
    ...JOURNAL_FLAGS,
    help: { type: 'boolean', short: 'h' },
    ...SHEET_FLAG,
  });
  if (flags.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const bankPath = requireFlag(flags.bank, 'bank');
  const openPath = requireFlag(flags['open-items'], 'open-items');
  if (flags['learned-out'] !== undefined && flags.learned === undefined)
    throw new UsageError('--learned-out には --learned が必要です / --learned-out needs --learned');
  const tolerance = flags.tolerance === undefined ? 0 : Number(flags.tolerance.replace(/,/g, ''));
  if (!Number.isSafeInteger(tolerance) || tolerance < 0)
    throw new UsageError(`--tolerance は0以上の円の整数です / --tolerance must be whole yen, 0 or more: ${flags.tolerance}`);

  const problems: Problem[] = [];
  const bankFile = await readInput(io, bankPath, { sheet: flags.sheet });
  // The open items are read on a second thread while this one reads the statement.
  const reading = isProblem(bankFile) ? undefined : readOpenItemsAside(io, openPath, { sheet: flags.sheet });
  let learned: Learned = EMPTY_LEARNED;
  // A learned table that does not exist yet is created by this run.
  if (flags.learned !== undefined && existsSync(resolve(io.cwd, flags.learned))) {
    const f = await readInput(io, flags.learned);
    if (isProblem(f)) problems.push(f);
    else {
      const r = readLearned(f.bytes, f.name);
      problems.push(...r.problems);
      learned = r.learned;
    }
  }
  if (flags.confirm !== undefined) {
    const f = await readInput(io, flags.confirm);
    if (isProblem(f)) problems.push(f);
    else {
      const r = learnConfirmed(learned, f.bytes, f.name);
      problems.push(...r.problems);
      learned = r.learned;
      io.err(`確定${r.confirmed}件を学習しました / learned ${r.confirmed} confirmed row(s)\n`);
    }
  }
  // Core has no clock: a 全銀 file's two-digit years are read against the day the command runs.
  const today = todayInTokyo(new Date());
  let result: ReconcileRun | undefined;
  if (isProblem(bankFile)) {
    problems.push(bankFile);
    // Every problem listed: an open-items file that cannot be read is named too.
    const openFile = await readInput(io, openPath, { sheet: flags.sheet });
    if (isProblem(openFile)) problems.push(openFile);
  } else if (reading) {
    const statement = readRunStatement({ data: bankFile.bytes, file: bankFile.name }, today);
    const open = await reading.result();
    if ('message_ja' in open) problems.push(open);
    else result = runReconcile(statement, open.items, { today, learned, tolerance });
  }
  problems.push(...(result?.problems ?? []));
  const journal = await journalRequest(io, flags);
  problems.push(...journal.problems);
  const rejected = reportProblems(io, problems);
  if (rejected !== undefined || !result?.ok) return rejected ?? 1;

  const { decisions } = result;
  const out = flags.out;
  // The result and the updated learned table are written together or not at all.
  const outputs: OutputFile[] = [];
  // Printed once every file is in place: a learned table that cannot be written prints nothing.
  const printed = out === undefined ? toCsvText(reconcileTable(decisions)) : undefined;
  if (out !== undefined)
    outputs.push({ path: out, data: out.toLowerCase().endsWith('.json') ? reconcileJsonPieces(result) : reconcileCsvPieces(decisions) });

  if (flags.learned !== undefined) {
    const next = learnFrom(
      learned,
      decisions.filter((d) => d.status === 'auto'),
    );
    // Kept in place unless --learned-out names another file: that output replaces its input.
    outputs.push({
      path: flags['learned-out'] ?? flags.learned,
      data: writeCsv(learnedToRows(next)),
      updatesInput: flags['learned-out'] === undefined,
    });
  }
  // The invoices' customers are looked up only when a journal is asked for (400,000 open items: a quarter second).
  const journalFailed = addJournal(
    io,
    journal.request,
    (map) => reconcileJournal(decisions, journalCustomers(result.openItems), map),
    outputs,
  );
  if (journalFailed !== undefined) return journalFailed;
  const failed = await writeOutputs(io, outputs);
  if (failed !== undefined) return failed;
  if (printed !== undefined) io.out(printed);
  const s = result.summary;
  io.err(
    `形式 ${result.format}: 入金${s.deposits}件 — ${NAME.auto.ja}${s.auto}件、${NAME.suggested.ja}${s.suggested}件、${NAME.unmatched.ja}${s.unmatched}件 / ` +
      `${s.deposits} deposits: ${s.auto} ${NAME.auto.en}, ${s.suggested} ${NAME.suggested.en}, ${s.unmatched} ${NAME.unmatched.en}\n`,
  );
  return EXIT_OK;
}
