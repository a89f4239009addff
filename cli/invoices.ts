/**
 * `urakata invoices --in FILE --issuer FILE --out DIR [--zip] [--pint] [--jobs N]`
 *
 * Issues one qualified-invoice PDF (+ JP PINT XML) per invoice number. The input is read as a
 * stream in two passes — the first only notes each invoice's last row, the second emits an
 * invoice as soon as its last row has been read — so memory stays flat for 100,000 invoices
 * whether or not the rows of an invoice are contiguous. PDFs are rendered by a pool of
 * worker threads and written (and zipped, streaming) in input order.
 *
 * An issued invoice is never overwritten: a rerun skips an invoice whose bytes are identical and
 * reports an error for one whose content changed under the same number (a correction must be a
 * new document, 消費税法57条の4④).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ZipFile } from 'yazl';
import { completeRecordsEnd } from '../core/csv/parse.js';
import { columnsAsWritten, readTable } from '../core/csv/table.js';
import { errorsCsv, errorsCsvRows } from '../core/csv/errors-csv.js';
import { decodeText } from '../core/csv/encoding.js';
import { wallClockDate } from '../core/dates/calendar.js';
import { formatProblem, isError, problem, type Problem } from '../core/errors.js';
import {
  addInvoiceRows,
  INVOICE_LINE_COLUMNS,
  INVOICE_NUMBER_COLUMN,
  type Invoice,
  type InvoiceGroup,
  type Issuer,
  invoicePdf,
  issueConflict,
  issueDecision,
  type ManifestEntry,
  manifestEntry,
  parseIssuer,
  pintRoundingWarning,
  pintXml,
  settleInvoice,
} from '../core/invoice/index.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import { japaneseFonts } from '../functions/fonts.js';
import { isProblem, parseFlags, readInput, reportProblems, requireFlag, UsageError, writeOutput } from './io.js';

const USAGE = `使い方 / usage: urakata invoices --in FILE --issuer FILE --out DIR [--zip] [--pint] [--jobs N]
  --in      明細CSV（1行 = 1明細、請求書番号でまとめる） / line items CSV, grouped by invoice_no
  --issuer  発行者JSON（名称・登録番号・住所・電話・振込先・端数処理・税込/税抜） / issuer JSON
  --out     出力フォルダ: {請求書番号}.pdf, manifest.json, errors.csv / output folder
  --zip     invoices.zip も作成 / also write invoices.zip (streamed)
  --pint    JP PINT UBL XML ({請求書番号}.xml) も作成 / also write JP PINT XML
  --jobs N  並列数（既定: CPUコア数） / worker threads (default: number of cores)
`;

// ---------------------------------------------------------------------------------------------
// Streaming CSV: text chunks that end on a record boundary.

export interface CsvChunk {
  /** Complete records (ending with a line break, or the end of the file). */
  readonly text: string;
  /** Physical lines of the file before this chunk (the header counts). */
  readonly linesBefore: number;
}

const countLines = (text: string): number => (text.match(/\r\n|\r|\n/g) ?? []).length;

/**
 * The header line, then chunks of about `size` bytes. Bytes are cut after a LF (0x0A is never
 * part of a multi-byte character in UTF-8 or Shift_JIS), then text after a complete record.
 * Each chunk's encoding is detected on its own (a UTF-8 BOM only on the first).
 * @example for await (const c of csvChunks('lines.csv')) if ('text' in c) readTable(`${header}\n${c.text}`, schema, { file })
 */
export async function* csvChunks(path: string, size = 1 << 20): AsyncGenerator<CsvChunk | { header: string }> {
  let bytes = new Uint8Array(0);
  let carry = '';
  let header: string | undefined;
  let linesBefore = 0;
  function* emit(text: string, final: boolean): Generator<CsvChunk | { header: string }> {
    let t = carry + text;
    carry = '';
    if (header === undefined) {
      const end = completeRecordsEnd(t, true);
      if (end < 0 && !final) {
        carry = t;
        return;
      }
      const cut = end < 0 ? t.length : end;
      header = t.slice(0, cut).replace(/\r?\n$/, '');
      linesBefore = countLines(t.slice(0, cut)) || 1;
      yield { header };
      t = t.slice(cut);
    }
    const end = final ? t.length : completeRecordsEnd(t, false);
    if (end <= 0) {
      carry = t;
      return;
    }
    const part = t.slice(0, end);
    carry = t.slice(end);
    if (part !== '') yield { text: part, linesBefore };
    linesBefore += countLines(part);
  }
  for await (const chunk of createReadStream(path, { highWaterMark: size })) {
    const b = chunk as Buffer;
    const merged = new Uint8Array(bytes.length + b.length);
    merged.set(bytes);
    merged.set(b, bytes.length);
    const lf = merged.lastIndexOf(10);
    if (lf < 0) {
      bytes = merged;
      continue;
    }
    bytes = merged.slice(lf + 1);
    yield* emit(decodeText(merged.subarray(0, lf + 1)).text, false);
  }
  yield* emit(bytes.length > 0 ? decodeText(bytes).text : '', true);
}

/** readTable on one chunk, with row numbers of the whole file. */
function readChunk<S extends Parameters<typeof readTable>[1]>(header: string, chunk: CsvChunk, schema: S, file: string) {
  const t = readTable(`${header}\n${chunk.text}`, schema, { file });
  const shift = chunk.linesBefore - 1;
  return {
    rows: t.rows.map((r) => ({ row: r.row + shift, value: r.value })),
    problems: t.problems.filter((p) => p.row > 1).map((p) => ({ ...p, row: p.row + shift })),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering: in-process for one job, otherwise a pool of worker threads.

interface Rendered {
  readonly pdf: Uint8Array;
  readonly xml?: string;
}

interface RenderRequest {
  readonly id: number;
  readonly invoice: Invoice;
  readonly pint: boolean;
}

async function render(invoice: Invoice, pint: boolean): Promise<Rendered> {
  const pdf = await invoicePdf(invoice, japaneseFonts());
  return pint ? { pdf, xml: pintXml(invoice) } : { pdf };
}

const WORKER_FLAG = 'urakata-invoice-renderer';

/**
 * Where a render worker starts. Under tsx (the TypeScript source, as `npx urakata` runs it) this
 * module itself, with tsx registered first. In a bundled build, a separate bundle of this module
 * named `invoice-worker.mjs` beside the CLI bundle — never the CLI bundle itself, whose top level
 * would run the command again inside every worker. Without one the CLI renders in-process.
 * @example workerEntry('file:///app/cli/invoices.ts') // { url: 'file:///app/cli/invoices.ts', tsx: true }
 */
export function workerEntry(self = import.meta.url): { readonly url: string; readonly tsx: boolean } | undefined {
  if (self.endsWith('.ts')) return { url: self, tsx: true };
  if (self.endsWith('/invoice-worker.mjs')) return { url: self, tsx: false };
  const sibling = new URL('./invoice-worker.mjs', self);
  return existsSync(fileURLToPath(sibling)) ? { url: sibling.href, tsx: false } : undefined;
}

function startWorker(entry: { readonly url: string; readonly tsx: boolean }): Worker {
  if (entry.tsx) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.url)}); });`;
    return new Worker(boot, { eval: true, workerData: WORKER_FLAG });
  }
  return new Worker(new URL(entry.url), { workerData: WORKER_FLAG });
}

/** Worker threads rendering invoices (PDF + optional XML); results come back as transferred bytes. */
export class RenderPool {
  private readonly workers: { worker: Worker; busy: number; dead: boolean }[] = [];
  private readonly waiting = new Map<number, { resolve: (r: Rendered) => void; reject: (e: unknown) => void }>();
  private next = 0;

  constructor(size: number, entry: { readonly url: string; readonly tsx: boolean }) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(entry);
      const slot = { worker, busy: 0, dead: false };
      worker.on('message', (m: { id: number; pdf?: Uint8Array; xml?: string; error?: string }) => {
        slot.busy--;
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (!w) return;
        if (m.error !== undefined || !m.pdf) w.reject(new Error(m.error ?? 'renderer returned nothing'));
        else w.resolve(m.xml === undefined ? { pdf: m.pdf } : { pdf: m.pdf, xml: m.xml });
      });
      // A crashed worker fails what is waiting and takes no more work (no promise is left hanging).
      worker.on('error', (e) => {
        slot.dead = true;
        for (const w of this.waiting.values()) w.reject(e);
        this.waiting.clear();
      });
      worker.on('exit', () => {
        slot.dead = true;
      });
      this.workers.push(slot);
    }
  }

  render(invoice: Invoice, pint: boolean): Promise<Rendered> {
    const id = this.next++;
    const alive = this.workers.filter((w) => !w.dead);
    const slot = alive.reduce<(typeof alive)[number] | undefined>((a, b) => (a === undefined || b.busy < a.busy ? b : a), undefined);
    if (!slot) return Promise.reject(new Error('no PDF worker is running'));
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, invoice, pint } satisfies RenderRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

if (!isMainThread && workerData === WORKER_FLAG && parentPort) {
  const port = parentPort;
  port.on('message', (m: RenderRequest) => {
    render(m.invoice, m.pint).then(
      (r) => port.postMessage({ id: m.id, pdf: r.pdf, xml: r.xml }, [r.pdf.buffer as ArrayBuffer]),
      (e: unknown) => port.postMessage({ id: m.id, error: String((e as Error)?.stack ?? e) }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Outputs.

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

async function existing(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** A file written as a stream to a temporary name, renamed into place when complete. */
class StreamedFile {
  readonly stream: WriteStream;
  private readonly temp: string;
  constructor(private readonly path: string) {
    this.temp = `${path}.${process.pid}.tmp`;
    this.stream = createWriteStream(this.temp);
  }
  write(text: string | Uint8Array): Promise<void> {
    return new Promise((ok) => (this.stream.write(text) ? ok() : this.stream.once('drain', ok)));
  }
  async close(): Promise<void> {
    await new Promise<void>((ok, fail) => this.stream.end((e?: Error | null) => (e ? fail(e) : ok())));
    await rename(this.temp, this.path);
  }
  /** For a piped stream: waits until the source has ended it, then renames. */
  async closed(): Promise<void> {
    await finished(this.stream);
    await rename(this.temp, this.path);
  }
}

// ---------------------------------------------------------------------------------------------

interface Job {
  readonly invoice: Invoice;
  readonly firstRow: number;
  readonly rendered: Promise<Rendered>;
}

/**
 * The command (exit 0 all issued, 1 something rejected, 2 usage).
 * @example await run(['--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'out', '--zip'], io) // 0
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let flags: ReturnType<typeof parseInvoiceFlags>;
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

  const issuerFile = await readInput(io, flags.issuer);
  if (isProblem(issuerFile)) return reportProblems(io, [issuerFile]) ?? EXIT_INPUT;
  let issuer: Issuer | undefined;
  try {
    const parsed = parseIssuer(JSON.parse(decodeText(issuerFile.bytes).text), flags.issuer);
    if (reportProblems(io, parsed.problems) !== undefined || !parsed.issuer) return EXIT_INPUT;
    issuer = parsed.issuer;
  } catch (e) {
    return (
      reportProblems(io, [problem(flags.issuer, 0, '', '', `JSONとして読めません: ${(e as Error).message}`, 'not valid JSON')]) ??
      EXIT_INPUT
    );
  }

  const inPath = resolve(io.cwd, flags.in);
  const inFile = flags.in;
  // Pass 1: the last row of every invoice number; a missing column rejects the file at once.
  const lastRow = new Map<string, number>();
  const headerWarnings: Problem[] = [];
  // Each column as the file's header wrote it: problems found per invoice name it so.
  let written: Readonly<Record<string, string>> = {};
  try {
    let header = '';
    for await (const c of csvChunks(inPath)) {
      if ('header' in c) {
        header = c.header;
        const head = readTable(header, INVOICE_LINE_COLUMNS, { file: inFile });
        if (reportProblems(io, head.problems) !== undefined) return EXIT_INPUT;
        written = head.written;
        // A misspelt optional header (e.g. 源泉徴収) would silently fall back to its default.
        for (const name of head.unknownColumns) {
          headerWarnings.push(
            problem(
              inFile,
              1,
              name,
              '',
              '使われない列です（見出しの綴りを確認してください）',
              'column not used (check the header spelling)',
              'warning',
            ),
          );
        }
        continue;
      }
      for (const r of readChunk(header, c, INVOICE_NUMBER_COLUMN, inFile).rows) lastRow.set(r.value.invoice_no, r.row);
    }
    if (header === '') {
      return (
        reportProblems(io, [problem(inFile, 0, '', '', 'ファイルが空です（見出し行がありません）', 'file is empty (no header row)')]) ??
        EXIT_INPUT
      );
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      return reportProblems(io, [problem(inFile, 0, '', '', `ファイルを読めません (${code})`, `cannot read file (${code})`)]) ?? EXIT_INPUT;
    }
    throw e;
  }

  const outDir = resolve(io.cwd, flags.out);
  await mkdir(outDir, { recursive: true });
  let jobs = flags.jobs;
  const entry = jobs > 1 ? workerEntry() : undefined;
  if (jobs > 1 && !entry) {
    io.err('並列処理用の invoice-worker.mjs がないため、1スレッドで作成します / invoice-worker.mjs not found: rendering in-process\n');
    jobs = 1;
  }
  const pool = entry && jobs > 1 ? new RenderPool(jobs, entry) : undefined;
  const renderOne = (inv: Invoice, pint: boolean) => (pool ? pool.render(inv, pint) : render(inv, pint));
  const errors = new StreamedFile(join(outDir, 'errors.csv'));
  await errors.write(errorsCsv([]));
  const manifest = new StreamedFile(join(outDir, 'manifest.json'));
  await manifest.write('[');
  // The zip is streamed to disk as entries are added, each read from its written file in turn.
  const zip = flags.zip ? new ZipFile() : undefined;
  const zipFile = zip ? new StreamedFile(join(outDir, 'invoices.zip')) : undefined;
  if (zip && zipFile) zip.outputStream.pipe(zipFile.stream);

  const counts = { issued: 0, unchanged: 0, rejected: 0, conflicts: 0, warnings: 0 };
  let entries = 0;
  const reportProblem = async (problem: Problem): Promise<void> => {
    const p = columnsAsWritten([problem], inFile, written)[0] ?? problem;
    if (!isError(p)) counts.warnings++;
    io.err(`${formatProblem(p)}\n`);
    await errors.write(errorsCsvRows([p]));
  };
  for (const w of headerWarnings) await reportProblem(w);

  const finish = async (job: Job): Promise<void> => {
    const { invoice: inv } = job;
    let r: Rendered;
    try {
      r = await job.rendered;
    } catch (e) {
      counts.rejected++;
      await reportProblem(
        problem(inFile, job.firstRow, 'invoice_no', inv.invoice_no, `PDFを作成できません: ${String(e)}`, 'PDF rendering failed'),
      );
      return;
    }
    const pdfName = `${inv.invoice_no}.pdf`;
    const xmlName = r.xml !== undefined ? `${inv.invoice_no}.xml` : undefined;
    const hash = sha256(r.pdf);
    const before = await existing(join(outDir, pdfName));
    const decision = issueDecision({ sha256: hash, issue_date: inv.issue_date }, before ? { sha256: sha256(before) } : undefined);
    if (decision === 'conflict') {
      counts.conflicts++;
      await reportProblem(issueConflict(inFile, job.firstRow, inv.invoice_no));
      return;
    }
    const status: ManifestEntry['status'] = decision;
    if (status === 'issued') {
      await writeOutput(io, join(outDir, pdfName), r.pdf);
      counts.issued++;
    } else {
      counts.unchanged++;
    }
    if (xmlName && r.xml !== undefined && (status === 'issued' || !(await existing(join(outDir, xmlName))))) {
      await writeOutput(io, join(outDir, xmlName), r.xml);
    }
    if (zip) {
      // From the files just written, not from memory: yazl keeps an added buffer until the zip
      // ends, which would grow with the batch. PDF streams are already deflated: stored as is.
      // Dated the issue day in the DOS field alone (no UTC extra field): the same bytes and the
      // same date shown on any host's time zone.
      const mtime = wallClockDate(inv.issue_date);
      zip.addFile(join(outDir, pdfName), pdfName, { mtime, compress: false, forceDosTimestamp: true });
      if (xmlName) zip.addFile(join(outDir, xmlName), xmlName, { mtime, forceDosTimestamp: true });
    }
    const entry = manifestEntry(inv, pdfName, hash, xmlName, status);
    await manifest.write(`${entries++ === 0 ? '\n' : ',\n'}${JSON.stringify(entry)}`);
  };

  // Pass 2: build invoices as their last row arrives; render ahead, write in input order.
  const inFlight: Job[] = [];
  const maxInFlight = Math.max(4, jobs * 4);
  const open = new Map<string, InvoiceGroup>();
  const complete = async (no: string): Promise<void> => {
    const group = open.get(no);
    open.delete(no);
    if (!group) return;
    const settled = settleInvoice(group, issuer, inFile);
    for (const p of settled.problems) await reportProblem(p);
    if (!settled.ok) {
      counts.rejected++;
      return;
    }
    const firstRow = group.rowNumbers[0] ?? 0;
    const noXml = flags.pint ? pintRoundingWarning(settled.invoice, inFile, firstRow) : undefined;
    if (noXml) await reportProblem(noXml);
    inFlight.push({ invoice: settled.invoice, firstRow, rendered: renderOne(settled.invoice, flags.pint && !noXml) });
    if (inFlight.length >= maxInFlight) {
      const next = inFlight.shift();
      if (next) await finish(next);
    }
  };

  try {
    let header = '';
    for await (const c of csvChunks(inPath)) {
      if ('header' in c) {
        header = c.header;
        continue;
      }
      const ids = readChunk(header, c, INVOICE_NUMBER_COLUMN, inFile);
      const full = readChunk(header, c, INVOICE_LINE_COLUMNS, inFile);
      const added = addInvoiceRows(open, ids, full);
      for (const { invoice_no, row } of added.rows) if (lastRow.get(invoice_no) === row) await complete(invoice_no);
      // Rows without an invoice number belong to no invoice: listed, nothing else rejected.
      for (const ps of added.ungrouped) {
        counts.rejected++;
        for (const p of ps) await reportProblem(p);
      }
    }
    for (const no of [...open.keys()]) await complete(no);
    while (inFlight.length > 0) {
      const next = inFlight.shift();
      if (next) await finish(next);
    }
  } finally {
    await pool?.close();
  }

  await manifest.write(entries === 0 ? ']\n' : '\n]\n');
  await manifest.close();
  await errors.close();
  if (zip && zipFile) {
    zip.end();
    await zipFile.closed();
  }

  io.out(
    `発行 ${counts.issued}件・発行済みで変更なし ${counts.unchanged}件・却下 ${counts.rejected}件・番号の衝突 ${counts.conflicts}件・警告 ${counts.warnings}件 → ${flags.out}\n` +
      `issued ${counts.issued}, unchanged ${counts.unchanged}, rejected ${counts.rejected}, conflicts ${counts.conflicts}, warnings ${counts.warnings}\n`,
  );
  return counts.rejected > 0 || counts.conflicts > 0 ? EXIT_INPUT : EXIT_OK;
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
  });
  if (v.help) return { help: true, in: '', issuer: '', out: '', zip: false, pint: false, jobs: 1 };
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
  };
}
