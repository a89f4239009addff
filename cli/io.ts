/** File I/O shared by the CLI commands (adapters only: core never touches the file system). */
import { closeSync, createWriteStream, fstatSync, openSync, readSync, type Stats, statSync, type WriteStream } from 'node:fs';
import { constants, link, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { uptime } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isUtf16, uploadedTable } from '../functions/workbook.js';
import { formatProblem, isError, type Problem, problem } from '../core/errors.js';
import { uniqueFileNames } from '../core/files/file-names.js';
import { inSheetTerms, isLegacyXls, type SheetText } from '../core/xlsx/index.js';
import { looksLikeZip } from '../core/xlsx/zip.js';
import type { ChunkedBytes } from '../core/csv/encoding.js';
import { EXIT_INPUT, type CliIo } from './command.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** node:util parseArgs with usage errors in Japanese and English. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(`引数が正しくありません / bad arguments: ${(e as Error).message}`);
  }
}

export function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${flag} が必要です / --${flag} is required`);
  return value;
}

export interface InputFile {
  /** As the user wrote it, for messages. */
  readonly name: string;
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** `--sheet NAME`: the sheet read from an Excel workbook given as input (the first visible one without it). */
export const SHEET_FLAG = { sheet: { type: 'string' } } as const;
export const SHEET_USAGE =
  '  --sheet NAME: Excel ブック (.xlsx) から読むシート（既定: 最初のシート） / the sheet read from each .xlsx input (default: the first)\n';

/**
 * The largest input file a command reads: every command holds its input in memory several times
 * over (bytes, text, records, rows), so a file past this is refused by its size, before any of it
 * is read, rather than ending the process out of memory midway. At this size the heaviest reads
 * stay near 2 GB (measured: a 64 MB bank statement through reconcile 2.1 GB, a 64 MB employees
 * file of 424,737 people through payroll 2.2 GB; a 200 MB statement took 6.1 GB). The 入金消込
 * benchmark's open items, 400,000 of them, are 50 MB. docs/design.md §6 lists each command's.
 */
export const MAX_INPUT_BYTES = 64 * 2 ** 20;

export interface ReadInputOptions {
  /** The sheet to read when the file is an Excel workbook. */
  readonly sheet?: string | undefined;
  /** The largest file taken (default MAX_INPUT_BYTES). */
  readonly maxBytes?: number;
}

/**
 * Reads an input table. An Excel workbook (.xlsx, known by its bytes whatever its name) is read as
 * the CSV of one sheet, and the problems later found in it are reported in the sheet's terms (Excel
 * row, column letter: see reportProblems). A file larger than `maxBytes` is refused unread.
 * @example await readInput(io, '給与.xlsx', { sheet: '4月' }) // { name: '給与.xlsx シート「4月」', bytes: CSV as UTF-8, … }
 */
export async function readInput(io: CliIo, path: string, options: ReadInputOptions = {}): Promise<InputFile | Problem> {
  noteInputPath(io, path);
  const read = await readInputAt(io.cwd, path, options);
  if ('message_ja' in read) return read;
  if (read.sheet) noteSheetRead(io, read.sheet);
  return read.file;
}

/**
 * readInput without the command's io, as a worker thread reads a file: the sheet it read from
 * a workbook comes back beside the file, for the command to note (noteSheetRead).
 */
export async function readInputAt(
  cwd: string,
  path: string,
  options: ReadInputOptions = {},
): Promise<{ readonly file: InputFile; readonly sheet: SheetText | undefined } | Problem> {
  const full = resolve(cwd, path);
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  let bytes: Uint8Array;
  try {
    const size = (await stat(full)).size;
    if (size > maxBytes) return tooLarge(path, size, maxBytes);
    // The file's own buffer, seen as a plain Uint8Array: new Uint8Array(buffer) copied all of it.
    const read = await readFile(full);
    bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
  } catch (e) {
    return unreadable(path, e);
  }
  // As the cloud reads an upload; a CSV file among workbooks is read as it is (--sheet speaks of the workbooks).
  const table = uploadedTable(bytes, path, options.sheet);
  if ('message_ja' in table) return table;
  return { file: { name: table.file, path: full, bytes: table.data }, sheet: table.sheet };
}

function unreadable(path: string, e: unknown): Problem {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return problem(
    path,
    0,
    '',
    '',
    code === 'ENOENT'
      ? 'ファイルが見つかりません'
      : code === 'EISDIR'
        ? 'フォルダです（ファイルを指定してください）'
        : `ファイルを読めません (${code})`,
    code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'a folder, not a file' : `cannot read file (${code})`,
  );
}

/** An input opened for a reader that takes its bytes in chunks; `close()` lets the file go. */
export interface OpenedInput {
  readonly name: string;
  readonly path: string;
  readonly data: Uint8Array | ChunkedBytes;
  readonly sheet: SheetText | undefined;
  close(): void;
}

/** Bytes read from an opened file at a time, into one buffer that each chunk reuses. */
const CHUNK_BYTES = 2 ** 20;

/** A file that changed while it was read in chunks (its size or time of change not as when opened). */
class InputChanged extends Error {
  override name = 'InputChanged';
}

/**
 * readInputAt for a reader that takes its bytes in chunks (ChunkedBytes): a CSV file is read from
 * disk a megabyte at a time, into one buffer, each time its reader goes through it, instead of
 * into memory whole (a 50 MB file: 0.17 s whole, 0.02 s so). A workbook, an old .xls, or what is
 * not a plain file of a known size (a pipe, /dev/stdin, a device, /proc) is read as readInputAt
 * reads it. The CSV file is opened once: every reading is of the file opened, whatever is later
 * put at its path; one written over while it is read is refused. Read it with readOpened.
 * @example const f = await openInputAt(cwd, 'open.csv'); if (!isProblem(f)) readOpened(f, (data) => readRunOpenItems({ data, file: f.name }))
 */
export async function openInputAt(cwd: string, path: string, options: ReadInputOptions = {}): Promise<OpenedInput | Problem> {
  const full = resolve(cwd, path);
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const whole = async (): Promise<OpenedInput | Problem> => {
    const read = await readInputAt(cwd, path, options);
    if ('message_ja' in read) return read;
    return { name: read.file.name, path: read.file.path, data: read.file.bytes, sheet: read.sheet, close: () => {} };
  };
  // Opening a pipe waits for its writer: what is not a plain file is not opened here.
  let plain: boolean;
  try {
    plain = statSync(full).isFile();
  } catch {
    plain = false;
  }
  if (!plain) return whole();
  let fd: number;
  try {
    fd = openSync(full, 'r');
  } catch (e) {
    return unreadable(path, e);
  }
  let opened: Stats;
  const head = new Uint8Array(8);
  let headLength: number;
  try {
    opened = fstatSync(fd);
    headLength = opened.isFile() && opened.size <= maxBytes ? readSync(fd, head, 0, head.length, 0) : 0;
  } catch (e) {
    closeSync(fd);
    return unreadable(path, e);
  }
  const start = head.subarray(0, headLength);
  if (!opened.isFile() || opened.size === 0 || looksLikeZip(start) || isLegacyXls(start) || isUtf16(start)) {
    closeSync(fd);
    return whole();
  }
  const size = opened.size;
  if (size > maxBytes) {
    closeSync(fd);
    return tooLarge(path, size, maxBytes);
  }
  let closed = false;
  const open = () => {
    if (closed) throw new Error(`${path}: read after it was closed`);
  };
  const data: ChunkedBytes = {
    byteLength: size,
    *chunks() {
      open();
      const now = fstatSync(fd);
      if (now.size !== size || now.mtimeMs !== opened.mtimeMs) throw new InputChanged(path);
      const buffer = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(1, size)));
      for (let at = 0; at < size; ) {
        open();
        const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - at), at);
        // Shorter than when it was opened: cut while it was read.
        if (n === 0) throw new InputChanged(path);
        at += n;
        yield buffer.subarray(0, n);
      }
    },
  };
  return {
    name: path,
    path: full,
    data,
    sheet: undefined,
    close: () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

/**
 * `read` over an opened input's bytes, the file let go after. A file that cannot be read to its
 * end (a disk error) is the Problem readInputAt names for it; one written over while it was read
 * is refused, nothing of it kept.
 * @example readOpened(f, (data) => readRunOpenItems({ data, file: f.name }))
 */
export function readOpened<T>(f: OpenedInput, read: (data: Uint8Array | ChunkedBytes) => T): T | Problem {
  try {
    return read(f.data);
  } catch (e) {
    if (e instanceof InputChanged)
      return problem(
        f.name,
        0,
        '',
        '',
        '読んでいる間にファイルが書き換えられました。書き終わってからもう一度実行してください。何も読んでいません',
        'the file was written to while it was read: run again once it is written; nothing was read',
      );
    if (typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string')
      return unreadable(f.name, e);
    throw e;
  } finally {
    f.close();
  }
}

/** A sheet an input was read from, whose problems are then reported in its terms (reportProblems). */
export function noteSheetRead(io: CliIo, sheet: SheetText): void {
  sheetsRead(io).push(sheet);
}

function tooLarge(path: string, size: number, maxBytes: number): Problem {
  const size_ = (size / 2 ** 20).toFixed(1);
  const max = Math.round(maxBytes / 2 ** 20);
  return problem(
    path,
    0,
    '',
    '',
    `ファイルが大きすぎます（${size_} MB。このコマンドが読むのは ${max} MB まで）。分けて処理してください。何も読んでいません`,
    `file too large (${size_} MB; this command reads at most ${max} MB): split it; nothing was read`,
  );
}

/** The files each run (each CliIo) reads, by full path: no output of the run may replace one. */
const INPUTS = new WeakMap<CliIo, Set<string>>();

/**
 * Notes a file the run reads, so that writeOutputs refuses an output of the same name (readInput
 * notes its own; a reader that opens its file otherwise notes it here).
 */
export function noteInputPath(io: CliIo, path: string): void {
  let inputs = INPUTS.get(io);
  if (!inputs) {
    inputs = new Set();
    INPUTS.set(io, inputs);
  }
  inputs.add(resolve(io.cwd, path));
}

/** The workbook sheets each run (each CliIo) has read, to report its problems in their terms. */
const SHEETS = new WeakMap<CliIo, SheetText[]>();

function sheetsRead(io: CliIo): SheetText[] {
  let sheets = SHEETS.get(io);
  if (!sheets) {
    sheets = [];
    SHEETS.set(io, sheets);
  }
  return sheets;
}

/**
 * Problems said in the terms of where they were found: those in a sheet of a workbook with its
 * Excel row and the column's letter; the others as they are.
 */
export function inInputTerms(io: CliIo, problems: readonly Problem[]): Problem[] {
  return (SHEETS.get(io) ?? []).reduce<Problem[]>((ps, sheet) => inSheetTerms(ps, sheet), [...problems]);
}

export function isProblem<T extends object>(x: T | Problem): x is Problem {
  return 'message_ja' in x;
}

/** Reads and parses a JSON file (a BOM allowed); a missing or unparsable file is a problem naming it. */
export async function readJsonFile(io: CliIo, path: string): Promise<{ json?: unknown; problems: Problem[] }> {
  const r = await readInput(io, path);
  if (isProblem(r)) return { problems: [r] };
  try {
    return { json: JSON.parse(new TextDecoder().decode(r.bytes).replace(/^\uFEFF/, '')), problems: [] };
  } catch (e) {
    const m = (e as Error).message;
    return { problems: [problem(path, 0, '', '', `JSONとして読めません: ${m}`, `not valid JSON: ${m}`)] };
  }
}

/** Prints every problem; returns EXIT_INPUT when any is an error, else undefined. */
export function reportProblems(io: CliIo, problems: readonly Problem[]): number | undefined {
  for (const p of inInputTerms(io, problems)) io.err(`${formatProblem(p)}\n`);
  const errors = problems.filter(isError).length;
  if (errors > 0) {
    io.err(`${errors}件のエラーがあります。出力は作成していません。 / ${errors} error(s); no output written.\n`);
    return EXIT_INPUT;
  }
  return undefined;
}

/** One file a run writes. */
export interface OutputFile {
  readonly path: string;
  /**
   * The bytes, or pieces written in turn as they are made (a large table, never held whole). The
   * pieces may share one buffer (csvPieces): each is written before the next is asked for, and
   * must be copied by anything that keeps one.
   */
  readonly data: Uint8Array | string | Iterable<Uint8Array>;
  /** This output is the updated version of an input of the run (the learned table, kept in place): it may replace it. */
  readonly updatesInput?: boolean;
}

/**
 * One PDF per employee in `dir`, named by the employee id as a safe file name unique in the run
 * (payslips, 源泉徴収票).
 * @example await employeePdfs('slips', run.results, (r) => renderPayslip(r.result, { fonts }))
 */
export async function employeePdfs<R extends { readonly employee: { readonly employee_id: string } }>(
  dir: string,
  results: readonly R[],
  render: (r: R) => Promise<Uint8Array>,
): Promise<OutputFile[]> {
  const names = uniqueFileNames(
    results.map((r) => r.employee.employee_id),
    '.pdf',
  );
  const files: OutputFile[] = [];
  for (const [i, r] of results.entries()) files.push({ path: join(dir, names[i] ?? ''), data: await render(r) });
  return files;
}

/**
 * After a run wrote its PDFs into `dir`: says which PDFs there it did not make — an earlier run's,
 * of an employee not paid now — so that they are not handed out with this run's. They are kept:
 * the folder is the user's, and what else it holds is not this run's to remove.
 * @example await noteOtherPdfs(io, 'slips', outputs)
 */
export async function noteOtherPdfs(io: CliIo, dir: string, outputs: readonly OutputFile[]): Promise<void> {
  const full = resolve(io.cwd, dir);
  const made = new Set(outputs.map((o) => resolve(io.cwd, o.path)));
  let names: string[];
  try {
    names = await readdir(full);
  } catch {
    return;
  }
  const others = names.filter((n) => n.toLowerCase().endsWith('.pdf') && !made.has(join(full, n))).sort();
  if (others.length === 0) return;
  const shown = `${others.slice(0, 10).join(', ')}${others.length > 10 ? ` …（ほか${others.length - 10}件 / ${others.length - 10} more）` : ''}`;
  io.err(
    `${dir}: 今回の実行で作っていない PDF が${others.length}件あります（前の実行の残りでは？ 配る前に確かめてください）: ${shown} / ` +
      `${others.length} PDF(s) this run did not make (left from an earlier run? check before handing them out)\n`,
  );
}

/**
 * Writes the files of one run all or none: each to a temp file beside it first (creating its
 * folder), then, once every one is written, each renamed into place. When one cannot be written
 * (a folder that is a file, a full disk, no permission) the temp files are removed and the
 * problem reported: a payroll table and 全銀 file must not stay behind from a run reported as
 * failed. Returns EXIT_INPUT after reporting, or undefined when all are written.
 *
 * Before the renames a journal listing them is written into every folder of the run; it goes once
 * all are done. A run killed among its renames (a table and a 全銀 file in place, most payslips
 * not) is completed by the next run that writes to any of those folders: every temp is whole by
 * then, so the run's files all appear.
 */
export async function writeOutputs(io: CliIo, outputs: readonly OutputFile[]): Promise<number | undefined> {
  const seen = new Set<string>();
  for (const o of outputs) {
    const full = resolve(io.cwd, o.path);
    if (!seen.has(full)) {
      seen.add(full);
      continue;
    }
    return reportProblems(io, [
      problem(
        o.path,
        0,
        '',
        '',
        '2つの出力が同じファイルを指しています（出力先をそれぞれ別のファイルにしてください）。何も出力していません',
        'two outputs name the same file (give each its own); nothing was written',
      ),
    ]);
  }
  // An output named like a file the run read would replace it (the employee master overwritten by
  // the payroll table): refused before anything is written.
  const inputs = INPUTS.get(io);
  const overInput = inputs && outputs.find((o) => !o.updatesInput && inputs.has(resolve(io.cwd, o.path)));
  if (overInput) {
    return reportProblems(io, [
      problem(
        overInput.path,
        0,
        '',
        '',
        'この出力は入力ファイルと同じファイルです（入力を上書きしてしまいます。別の名前にしてください）。何も出力していません',
        'this output is one of the input files (it would be written over; give another name); nothing was written',
      ),
    ]);
  }
  const dirs = new Set(outputs.map((o) => dirname(resolve(io.cwd, o.path))));
  await tidyFolders(dirs);
  const written: OutputPaths[] = [];
  for (const o of outputs) {
    const paths = outputPaths(io, o.path);
    try {
      await writeTemp(paths, o.data);
      written.push(paths);
    } catch (e) {
      await Promise.all(written.map((w) => rm(w.temp, { force: true })));
      await rm(paths.temp, { force: true }).catch(() => undefined);
      const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      return reportProblems(io, [
        problem(
          o.path,
          0,
          '',
          '',
          reason === 'EISDIR'
            ? '出力先が既存のフォルダです（ファイル名を指定してください）。何も出力していません'
            : `出力を書けません（${reason}）。何も出力していません`,
          reason === 'EISDIR'
            ? 'the output is an existing folder (give a file name); nothing was written'
            : `cannot write this output (${reason}); nothing was written`,
        ),
      ]);
    }
  }
  const journals = await writeJournals(dirs, written);
  const refused = await replaceAll(written);
  if (refused !== undefined) {
    await Promise.all(written.map((w) => rm(w.temp, { force: true }).catch(() => undefined)));
    await Promise.all(journals.map((j) => rm(j, { force: true }).catch(() => undefined)));
    return reportProblems(io, [
      problem(
        refused.path,
        0,
        '',
        '',
        `この出力を置き換えられません（${refused.reason}: 別のユーザーのファイルではありませんか）。何も出力していません`,
        `cannot replace this output (${refused.reason}: is it another user's file?); nothing was written`,
      ),
    ]);
  }
  await Promise.all(journals.map((j) => rm(j, { force: true })));
  return undefined;
}

/**
 * Puts the run's files in place all or none: first each existing output is moved aside (beside
 * it, `.name.urakata-PID.old`), then each temp renamed into place, then the old ones removed.
 * Moving an output aside needs what replacing it needs (in a shared folder, a file of another
 * user's can be neither), so a refusal comes before any output is replaced; whatever had moved is
 * put back as it was, the new files back into their temps. A run killed on the way is completed
 * by the next (its journal, tidyFolders), the old files then removed.
 */
async function replaceAll(written: readonly OutputPaths[]): Promise<{ path: string; reason: string } | undefined> {
  const aside: OutputPaths[] = [];
  const placed: OutputPaths[] = [];
  let at: OutputPaths | undefined;
  try {
    for (const w of written) {
      at = w;
      const there = await lstat(w.full).then(
        () => true,
        () => false,
      );
      if (!there) continue;
      await rename(w.full, w.old);
      aside.push(w);
    }
    for (const w of written) {
      at = w;
      await rename(w.temp, w.full);
      placed.push(w);
    }
  } catch (e) {
    for (const w of placed) await rename(w.full, w.temp).catch(() => undefined);
    for (const w of aside) await rename(w.old, w.full).catch(() => undefined);
    return { path: at?.full ?? '', reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  await Promise.all(aside.map((w) => rm(w.old, { force: true }).catch(() => undefined)));
  return undefined;
}

const JOURNAL_NAME = /^\.urakata-run\.(\d+)\.journal$/;

/** The renames of a run, written (whole, private) into each of its folders before the first rename. */
async function writeJournals(dirs: ReadonlySet<string>, renames: readonly OutputPaths[]): Promise<string[]> {
  const text = `${JSON.stringify({ renames: renames.map((r) => [r.temp, r.full]) })}\n`;
  const paths: string[] = [];
  for (const dir of dirs) {
    const path = join(dir, `.urakata-run.${process.pid}.journal`);
    const temp = `${path}.tmp`;
    await rm(temp, { force: true });
    await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
    paths.push(path);
  }
  return paths;
}

/**
 * A folder a run writes its outputs into as streams, made ready: what runs that are gone left
 * there removed (tidyFolders), and the files the version before named `NAME.PID.tmp` too, for the
 * `legacy` names given.
 */
export async function tidyOutputFolder(dir: string, legacy: readonly string[] = []): Promise<void> {
  await tidyFolders(new Set([dir]));
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^(.+)\.(\d+)\.tmp$/.exec(name);
    if (m && legacy.includes(m[1] as string) && deadRun(/\.(\d+)\.tmp$/, name) !== undefined)
      await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}

/**
 * The private temporary file of an output written as a stream, beside it under this run's own
 * name (as writeOutputs names its temps, so tidyFolders knows it): created new (O_EXCL) and
 * readable by its owner only; a link someone placed at the name is removed, never written through.
 */
export async function createStreamTemp(full: string): Promise<{ temp: string; stream: WriteStream }> {
  const temp = besideOutput(full, process.pid, 'tmp');
  await rm(temp, { force: true });
  const stream = createWriteStream(temp, { mode: 0o600, flags: 'wx' });
  await new Promise<void>((ok, fail) => {
    stream.once('ready', () => ok());
    stream.once('error', fail);
  });
  return { temp, stream };
}

/**
 * What runs that are gone left in the folders this run writes to, each folder listed once: first
 * their interrupted renames are finished (a journal in one folder may name temps in another, so
 * every journal goes before any temp is removed), then their other temps — salary data must not
 * stay behind.
 */
async function tidyFolders(dirs: ReadonlySet<string>): Promise<void> {
  const listed = await Promise.all([...dirs].map(async (dir) => ({ dir, names: await readdir(dir).catch(() => [] as string[]) })));
  for (const { dir, names } of listed) {
    for (const name of names) {
      const pid = deadRun(JOURNAL_NAME, name);
      if (pid !== undefined) await completeInterruptedRun(dir, name, pid);
    }
  }
  // A name of ours that cannot be removed (a folder, another user's in a shared folder) is left.
  for (const { dir, names } of listed) {
    for (const name of names) if (deadRun(TEMP_NAME, name) !== undefined) await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}

/** The renames a run that is gone left undone in a folder, finished; its temporary files removed. */
export function finishInterruptedRuns(dir: string): Promise<void> {
  return tidyFolders(new Set([dir]));
}

/** Folders this process holds a lock on (a lock naming this process's id that is not here is a dead run's: a container's pid 1). */
const HELD = new Set<string>();

/** When this machine started, in ms (a lock from before it is a dead run's, whatever process has its id now). */
function bootTime(): number {
  return Math.round(Date.now() - uptime() * 1000);
}
/** How far two readings of the start time may differ and be one start. */
const BOOT_SLACK = 5 * 60_000;

/**
 * A folder held by this run alone: `name` in it, holding this process's id and when the machine
 * started, made whole before it appears (written to a temporary file of this run's and linked into
 * place: a run that reads it never finds it empty). Held by a run that is gone — a process no
 * longer there, one from before the machine started, this process's id when this process does not
 * hold it — it is taken over: moved aside under this run's own name first, and removed only if it is
 * still that run's (a run that took it over meanwhile keeps it). Otherwise: the id of the process
 * holding it. A release removes the lock only while it is this run's.
 * @example const lock = await lockFolder('/data/out', '.urakata-invoices.lock'); if ('release' in lock) await lock.release()
 */
export async function lockFolder(dir: string, name: string): Promise<{ release(): Promise<void> } | { heldBy: number }> {
  const path = join(dir, name);
  const mine = `${process.pid} ${bootTime()}\n`;
  if (HELD.has(path)) return { heldBy: process.pid };
  for (let attempt = 0; attempt < 3; attempt++) {
    const temp = besideOutput(path, process.pid, 'tmp');
    await rm(temp, { force: true });
    await writeFile(temp, mine, { mode: 0o600, flag: 'wx' });
    try {
      await link(temp, path);
      HELD.add(path);
      return {
        release: async () => {
          HELD.delete(path);
          const now = await readFile(path, { encoding: 'utf8', flag: constants.O_RDONLY | constants.O_NOFOLLOW }).catch(() => '');
          if (now === mine) await rm(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      await rm(temp, { force: true });
    }
    const holder = await lockHolder(path);
    if (holder !== undefined && !holder.gone) return { heldBy: holder.pid };
    const aside = besideOutput(path, process.pid, 'old');
    if (
      !(await rename(path, aside).then(
        () => true,
        () => false,
      ))
    )
      continue;
    const moved = await readFile(aside, 'utf8').catch(() => undefined);
    if (moved === holder?.text) await rm(aside, { force: true });
    // Another run's, taken over since it was read: put back (a run that took it meanwhile keeps its own).
    else
      await link(aside, path)
        .catch(() => undefined)
        .finally(() => rm(aside, { force: true }));
  }
  return { heldBy: (await lockHolder(path))?.pid ?? 0 };
}

/** What a lock file holds: the process id, and whether that run is gone. Undefined: none readable (taken for gone). */
async function lockHolder(path: string): Promise<{ pid: number; gone: boolean; text: string } | undefined> {
  const text = await readFile(path, { encoding: 'utf8', flag: constants.O_RDONLY | constants.O_NOFOLLOW }).catch(() => undefined);
  if (text === undefined) return undefined;
  const [pidText = '', bootText] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return { pid: 0, gone: true, text };
  const boot = bootText === undefined ? undefined : Number(bootText);
  const earlierBoot = boot !== undefined && (!Number.isFinite(boot) || Math.abs(boot - bootTime()) > BOOT_SLACK);
  const gone = earlierBoot || (pid === process.pid ? !HELD.has(path) : !alive(pid));
  return { pid, gone, text };
}

/** The process id in a temp's or journal's name, when that process no longer exists. */
function deadRun(pattern: RegExp, name: string): number | undefined {
  const pid = Number(pattern.exec(name)?.[1]);
  return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid) ? pid : undefined;
}

/** Finishes the renames of a run that died among them (its journal is still there, its process gone). */
async function completeInterruptedRun(dir: string, name: string, pid: number): Promise<void> {
  let renames: [string, string][] = [];
  try {
    renames = (JSON.parse(await readFile(join(dir, name), 'utf8')) as { renames: [string, string][] }).renames;
  } catch {
    // A journal cut short was written before any rename began: there is nothing to finish.
  }
  for (const [temp, full] of renames) {
    // Only the renames the journal names, each only if still there, and only a temp beside its
    // output under our naming: a journal someone placed cannot move other files.
    if (typeof temp !== 'string' || typeof full !== 'string') continue;
    // The version before named its temps .name.PID.tmp: a run it left among its renames is finished too.
    if (temp !== besideOutput(full, pid, 'tmp') && temp !== join(dirname(full), `.${basename(full)}.${pid}.tmp`)) continue;
    await rename(temp, full).catch(() => undefined);
  }
  // The journal sits in each folder of the run: the others are done now too.
  const folders = new Set(renames.map(([, full]) => dirname(String(full))));
  folders.add(dir);
  await Promise.all([...folders].map((d) => rm(join(d, name), { force: true }).catch(() => undefined)));
}

/** Writes a file whole or not at all (temp file + rename), creating the folder. */
export async function writeOutput(io: CliIo, path: string, data: Uint8Array | string): Promise<string> {
  const paths = outputPaths(io, path);
  try {
    await writeTemp(paths, data);
    await rename(paths.temp, paths.full);
  } catch (e) {
    await rm(paths.temp, { force: true }).catch(() => undefined);
    throw e;
  }
  return paths.full;
}

interface OutputPaths {
  readonly full: string;
  /** Beside it, renamed into place once whole. */
  readonly temp: string;
  /** Beside it, where the output there before waits until the run's files are all in place. */
  readonly old: string;
}

function outputPaths(io: CliIo, path: string): OutputPaths {
  const full = resolve(io.cwd, path);
  return { full, temp: besideOutput(full, process.pid, 'tmp'), old: besideOutput(full, process.pid, 'old') };
}

/**
 * A run's own file beside an output, named so that no one else's matches (TEMP_NAME): a user's
 * `.notes.20260630.tmp` is not ours to remove.
 */
function besideOutput(full: string, pid: number, kind: 'tmp' | 'old'): string {
  return join(dirname(full), `.${basename(full)}.urakata-${pid}.${kind}`);
}

/**
 * The temp file of an output, its folder created first. Readable by its owner only (payroll data:
 * another user of the machine must not read a half-written table), and created new (O_EXCL): a
 * link someone placed at its name is removed, never written through.
 */
async function writeTemp(paths: OutputPaths, data: OutputFile['data']): Promise<void> {
  // An output named like an existing folder is refused here, before anything is renamed.
  const isFolder = await stat(paths.full).then(
    (st) => st.isDirectory(),
    () => false,
  );
  if (isFolder) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  await mkdir(dirname(paths.full), { recursive: true });
  await rm(paths.temp, { force: true });
  await writeFile(paths.temp, data, { mode: 0o600, flag: 'wx' });
}

const TEMP_NAME = /^\..+\.urakata-(\d+)\.(?:tmp|old)$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
