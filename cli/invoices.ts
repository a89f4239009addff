/**
 * `urakata invoices --in FILE --issuer FILE --out DIR [--zip] [--pint] [--jobs N]`
 *
 * Issues one qualified-invoice PDF (+ JP PINT XML) per invoice number. The input is read as a
 * stream in two passes (invoices/read.ts), so memory stays flat for 100,000 invoices; each
 * invoice is settled by core as soon as its last row has been read and rendered ahead by a pool
 * of worker threads (invoices/render.ts); the outputs are written — and zipped, streaming — in
 * input order (invoices/outputs.ts).
 *
 * An issued invoice is never overwritten: a rerun skips an invoice whose bytes are identical and
 * reports an error for one whose content changed under the same number (a correction must be a
 * new document, 消費税法57条の4④).
 */
import { isUtf16 } from '../functions/workbook.js';
import { mkdir, open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { decodeText } from '../core/csv/encoding.js';
import { isError, type Problem, problem } from '../core/errors.js';
import { batchCountsText } from '../core/invoice/batch-counts.js';
import { type Invoice, type Issuer, parseIssuer, pintSkipWarnings, settleInvoice } from '../core/invoice/index.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import { InvoiceOutputs, type Job } from './invoices/outputs.js';
import { type InputScan, invoicesAsRead, type LinesSource, scanInput } from './invoices/read.js';
import { startRenderer } from './invoices/render.js';
import type { JournalEntry } from '../core/journal/entry.js';
import { writeJournal } from '../core/journal/formats.js';
import { invoiceJournal } from '../core/journal/invoices.js';
import { addJournal, checkJournalFlags, JOURNAL_FLAGS, JOURNAL_USAGE, type JournalRequest, journalRequest } from './journal.js';
import {
  isProblem,
  noteInputPath,
  type OutputFile,
  parseFlags,
  readInput,
  reportProblems,
  requireFlag,
  SHEET_FLAG,
  SHEET_USAGE,
  UsageError,
  lockFolder,
  writeOutputs,
} from './io.js';
import { JournalPending } from './invoices/pending.js';

const USAGE = `使い方 / usage: urakata invoices --in FILE --issuer FILE --out DIR [--zip] [--pint] [--jobs N]
  --in      明細CSV（1行 = 1明細、請求書番号でまとめる） / line items CSV, grouped by invoice_no
  --issuer  発行者JSON（名称・登録番号・住所・電話・振込先・端数処理・税込/税抜） / issuer JSON
  --out     出力フォルダ: {請求書番号}.pdf, manifest.json, errors.csv / output folder
  --zip     invoices.zip も作成 / also write invoices.zip (streamed)
  --pint    JP PINT UBL XML ({請求書番号}.xml) も作成 / also write JP PINT XML
  --jobs N  並列数（既定: CPUコア数） / worker threads (default: number of cores)
${JOURNAL_USAGE}${SHEET_USAGE}`;

/**
 * The command (exit 0 all issued, 1 something rejected, 2 usage).
 * @example await run(['--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'out', '--zip'], io) // 0
 */
type InvoiceFlags = ReturnType<typeof parseInvoiceFlags>;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let flags: InvoiceFlags;
  try {
    flags = parseInvoiceFlags(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (flags.help) {
    io.out(USAGE);
    return EXIT_OK;
  }

  const issuer = await readIssuer(io, flags.issuer);
  if (typeof issuer === 'number') return issuer;
  // The journal holds the invoices this run issues (not those issued before: they were booked then).
  const journal = await journalRequest(io, flags.journal);
  const journalRejected = reportProblems(io, journal.problems);
  if (journalRejected !== undefined) return journalRejected;
  const input = await linesSource(io, flags.in, flags.sheet);
  if ('message_ja' in input) return reportProblems(io, [input]) ?? EXIT_INPUT;
  const { source: inPath, file: inFile } = input;
  // Pass 1: the last row of every invoice number; a missing column rejects the file at once.
  const scan = await scanInput(inPath, inFile);
  if (!scan.ok) return reportProblems(io, scan.problems) ?? EXIT_INPUT;
  reportProblems(io, scan.headerNotes);

  const outDir = resolve(io.cwd, flags.out);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return (
      reportProblems(io, [
        problem(
          flags.out,
          0,
          '--out',
          '',
          `出力先のフォルダを作れません（${code}: 同じ名前のファイルがありませんか）`,
          `cannot make the output folder (${code}: is there a file of that name?)`,
        ),
      ]) ?? EXIT_INPUT
    );
  }
  // One run at a time in a folder: two at once would each take the other's new invoices for its own.
  let lock: Awaited<ReturnType<typeof lockFolder>>;
  try {
    lock = await lockFolder(outDir, LOCK_NAME);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    const p = problem(
      flags.out,
      0,
      '--out',
      '',
      `出力先のフォルダに書けません（${code}）`,
      `cannot write into the output folder (${code})`,
    );
    return reportProblems(io, [p]) ?? EXIT_INPUT;
  }
  if ('heldBy' in lock) return reportProblems(io, [folderBusy(flags.out, lock.heldBy)]) ?? EXIT_INPUT;
  try {
    return await issueAll(io, flags, outDir, inPath, inFile, scan, issuer, journal.request);
  } finally {
    await lock.release();
  }
}

/** The lock an invoices run holds on its output folder. */
const LOCK_NAME = '.urakata-invoices.lock';

function folderBusy(folder: string, pid: number): Problem {
  return problem(
    folder,
    0,
    '--out',
    '',
    `別の実行（プロセス ${pid}）がこのフォルダに請求書を発行中です。終わってから実行してください（実行中の urakata がなければ ${LOCK_NAME} を削除）。何も発行していません`,
    `another run (process ${pid}) is issuing invoices into this folder; run again when it has finished (with no urakata running, remove ${LOCK_NAME}). Nothing was issued`,
  );
}

/** Pass 2, in the locked output folder: every invoice issued, rejected or found unchanged, and the journal. */
async function issueAll(
  io: CliIo,
  flags: InvoiceFlags,
  outDir: string,
  inPath: LinesSource,
  inFile: string,
  scan: Extract<InputScan, { ok: true }>,
  issuer: Issuer,
  request: JournalRequest | undefined,
): Promise<number> {
  // With a journal: what earlier runs issued and did not book, and each invoice noted before it is issued.
  const pending = request ? await JournalPending.open(io, outDir) : undefined;
  if (pending && !(pending instanceof JournalPending)) return reportProblems(io, [pending]) ?? EXIT_INPUT;
  const renderer = startRenderer(flags.jobs, (text) => io.err(text));
  const out = await InvoiceOutputs.open(io, outDir, inFile, scan.written, flags.zip);
  for (const w of scan.unusedColumns) await out.report(w);

  // Pass 2: settle invoices as their last row arrives; render ahead, write in input order.
  const inFlight: Job[] = [];
  const maxInFlight = Math.max(4, renderer.jobs * 4);
  const journalEntries: JournalEntry[] = [];
  const booked: string[] = [];
  const finish = async (job: Job) => {
    const { invoice } = job;
    const status = await out.finish(
      job,
      (inv) => journalRefusals(request, inv, inFile, job.firstRow),
      async (inv) => pending?.issuing(inv.invoice_no),
    );
    if (!request) return;
    const carried = status === 'unchanged' && pending?.carried.has(invoice.invoice_no) === true;
    if (status !== 'issued' && !carried) return;
    if (carried) {
      // Issued already: what the format cannot hold keeps it noted, for a journal that can.
      const refused = journalRefusals(request, invoice, inFile, job.firstRow, 'carried');
      for (const p of refused) await out.report({ ...p, severity: 'warning' });
      if (refused.some(isError)) return;
      await out.report(bookedLate(inFile, job.firstRow, invoice.invoice_no, pending?.journalNotInPlace(invoice.invoice_no)));
    }
    journalEntries.push(...invoiceJournal([invoice], request.map));
    booked.push(invoice.invoice_no);
  };
  try {
    for await (const read of invoicesAsRead(inPath, inFile, scan.lastRow, scan.encoding)) {
      if ('ungrouped' in read) {
        // Rows without an invoice number belong to no invoice: listed, nothing else rejected.
        out.counts.rejected++;
        for (const p of read.ungrouped) await out.report(p);
        continue;
      }
      const settled = settleInvoice(read.group, issuer, inFile);
      for (const p of settled.problems) await out.report(p);
      if (!settled.ok) {
        out.counts.rejected++;
        continue;
      }
      const firstRow = read.group.rowNumbers[0] ?? 0;
      const noXml = flags.pint ? pintSkipWarnings(settled.invoice, inFile, firstRow) : [];
      for (const w of noXml) await out.report(w);
      inFlight.push({ invoice: settled.invoice, firstRow, rendered: renderer.render(settled.invoice, flags.pint && noXml.length === 0) });
      if (inFlight.length >= maxInFlight) {
        const next = inFlight.shift();
        if (next) await finish(next);
      }
    }
    while (inFlight.length > 0) {
      const next = inFlight.shift();
      if (next) await finish(next);
    }
    if (pending) {
      const bookedNow = new Set(booked);
      for (const no of pending.carried) if (!bookedNow.has(no)) await out.report(notBookable(inFile, no));
    }
  } catch (e) {
    await out.discard();
    await pending?.close();
    throw e;
  } finally {
    await renderer.close();
  }
  await out.close();
  if (request && pending) {
    const journalFailed = await writeInvoiceJournal(io, request, journalEntries, pending, booked);
    if (journalFailed !== undefined) return journalFailed;
  }

  const { counts } = out;
  const summary = batchCountsText({ ...counts });
  io.out(`${summary.ja} → ${flags.out}\n${summary.en}\n`);
  return counts.rejected > 0 || counts.conflicts > 0 ? EXIT_INPUT : EXIT_OK;
}

/**
 * The journal of the invoices this run booked, and the folder's record of what is issued and not
 * booked brought up to date once it is in place (pending.ts says in which order, and why).
 */
async function writeInvoiceJournal(
  io: CliIo,
  request: JournalRequest,
  entries: readonly JournalEntry[],
  pending: JournalPending,
  booked: readonly string[],
): Promise<number | undefined> {
  const outputs: OutputFile[] = [];
  const refused = addJournal(io, request, () => entries, outputs);
  const [file] = outputs;
  if (refused !== undefined || !file) {
    await pending.close();
    return refused;
  }
  try {
    await pending.committing(resolve(io.cwd, file.path), file.data, booked);
  } catch (e) {
    await pending.close();
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return (
      reportProblems(io, [
        problem(
          pending.path,
          0,
          '',
          '',
          `発行済みで仕訳前の請求書の記録を書けないため、仕訳を出力していません（${code}）。次の実行で仕訳します`,
          `the record of invoices issued and not booked cannot be written, so no journal was written (${code}); the next run books them`,
        ),
      ]) ?? EXIT_INPUT
    );
  }
  const failed = await writeOutputs(io, outputs);
  if (failed !== undefined) {
    // Nothing was written: all of them stay to book, and the journal noted for them is not one that may have been taken away.
    await pending.settle([...new Set([...pending.carried, ...booked])]).catch(() => pending.close());
    return failed;
  }
  const done = new Set(booked);
  await pending.settle([...pending.carried].filter((no) => !done.has(no)));
  return undefined;
}

/**
 * An invoice an earlier run issued and did not book, booked by this run's journal. When that run
 * made a journal (`made`) that is not in place as made, it may have been taken away after all.
 */
function bookedLate(file: string, row: number, invoiceNo: string, made: string | undefined): Problem {
  return problem(
    file,
    row,
    'invoice_no',
    invoiceNo,
    made === undefined
      ? '以前の実行で発行し、その実行の仕訳が書かれていなかった請求書です。この実行の仕訳に含めました'
      : `以前の実行で発行し、その実行の仕訳（${made}）が作った内容のまま見つからない請求書です。この実行の仕訳に含めました（その仕訳を取り込み済みなら二重になります）`,
    made === undefined
      ? 'issued by an earlier run whose journal was not written: booked in this run’s journal'
      : `issued by an earlier run whose journal (${made}) is not there as it was made: booked in this run’s journal (twice, if that journal was imported)`,
    'warning',
  );
}

/** An invoice an earlier run issued and did not book, which this run cannot book. */
function notBookable(file: string, invoiceNo: string): Problem {
  return problem(
    file,
    0,
    'invoice_no',
    invoiceNo,
    '以前の実行で発行し、仕訳が書かれていなかった請求書ですが、この入力にないか内容が変わっているため仕訳できません。発行したときの入力で --journal を付けて実行してください',
    'issued by an earlier run whose journal was not written, and not in this input as issued: run again with the input it was issued from and --journal',
    'warning',
  );
}

/**
 * Why an invoice's 仕訳 cannot go into the journal asked for (a name Shift_JIS cannot hold, an
 * amount past the 弥生 limit), as problems of the invoice's first row: it is then not issued.
 */
function journalRefusals(
  request: JournalRequest | undefined,
  invoice: Invoice,
  file: string,
  row: number,
  /** 'carried': issued by an earlier run, unbooked; refused, it stays noted (a warning). */
  kind: 'new' | 'carried' = 'new',
): Problem[] {
  if (!request) return [];
  const [ja, en] =
    kind === 'new'
      ? ['発行していません', 'not issued']
      : ['仕訳せず、発行済みで仕訳前の請求書として残します', 'not booked; it stays noted as issued and not booked'];
  return writeJournal(invoiceJournal([invoice], request.map), request.format, request.path).problems.map((p) =>
    problem(
      file,
      row,
      'invoice_no',
      invoice.invoice_no,
      `仕訳（${request.path}）に書けないため${ja}: ${p.message_ja}${p.value === '' ? '' : `（${p.value}）`}`,
      `${en}: its journal entry cannot go into ${request.path}: ${p.message_en}${p.value === '' ? '' : ` (${p.value})`}`,
      p.severity,
    ),
  );
}

/** The issuer JSON, checked; or the exit code once its problems are reported. */
async function readIssuer(io: CliIo, path: string): Promise<Issuer | number> {
  const file = await readInput(io, path);
  if (isProblem(file)) return reportProblems(io, [file]) ?? EXIT_INPUT;
  try {
    const parsed = parseIssuer(JSON.parse(decodeText(file.bytes).text), path);
    if (reportProblems(io, parsed.problems) !== undefined || !parsed.issuer) return EXIT_INPUT;
    return parsed.issuer;
  } catch (e) {
    return reportProblems(io, [problem(path, 0, '', '', `JSONとして読めません: ${(e as Error).message}`, 'not valid JSON')]) ?? EXIT_INPUT;
  }
}

/**
 * The line items: a CSV file is streamed from its path; an Excel workbook (known by its first
 * bytes) is read whole, within the input size limit, as the CSV of its sheet.
 */
async function linesSource(io: CliIo, path: string, sheet: string | undefined): Promise<{ source: LinesSource; file: string } | Problem> {
  noteInputPath(io, path);
  const full = resolve(io.cwd, path);
  const head = new Uint8Array(8);
  const handle = await open(full, 'r').catch(() => undefined);
  if (handle) {
    try {
      await handle.read(head, 0, 8, 0);
    } catch {
      // A folder (EISDIR) or a file that cannot be read: the first pass names it as it reads it.
    } finally {
      await handle.close();
    }
  }
  // A workbook is read as its sheet's CSV; a workbook of the old format and a UTF-16 text are refused there, saying what to do.
  const workbook = (head[0] === 0x50 && head[1] === 0x4b) || head[0] === 0xd0;
  if (!workbook && !isUtf16(head)) return { source: full, file: path };
  const r = await readInput(io, path, { sheet });
  return isProblem(r) ? r : { source: r.bytes, file: r.name };
}

function parseInvoiceFlags(argv: readonly string[]) {
  const v = parseFlags(argv, {
    in: { type: 'string' },
    issuer: { type: 'string' },
    out: { type: 'string' },
    zip: { type: 'boolean' },
    pint: { type: 'boolean' },
    jobs: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...JOURNAL_FLAGS,
    ...SHEET_FLAG,
  });
  const journal = checkJournalFlags(v);
  if (v.help) return { help: true, journal, in: '', issuer: '', out: '', zip: false, pint: false, jobs: 1, sheet: undefined };
  const jobsText = v.jobs ?? String(availableParallelism());
  const jobs = Number(jobsText);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)
    throw new UsageError(`--jobs は1〜64の整数です / --jobs must be a whole number from 1 to 64: ${jobsText}`);
  return {
    help: false,
    in: requireFlag(v.in, 'in'),
    issuer: requireFlag(v.issuer, 'issuer'),
    out: requireFlag(v.out, 'out'),
    zip: v.zip ?? false,
    pint: v.pint ?? false,
    jobs,
    journal,
    sheet: v.sheet,
  };
}
