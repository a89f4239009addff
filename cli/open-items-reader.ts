/**
 * The open items of `urakata reconcile`, read on a worker thread while the main thread reads the
 * statement: on the benchmark files (200,000 deposits, 400,000 open items, 50 MB) reading the open
 * items is the longer of the two, and a second core takes it whole — the file itself too, so that
 * its bytes are never copied from one thread to the other. The worker reads the file as every
 * command does (openInputAt: size limit, a workbook's sheet; a CSV a megabyte at a time, never
 * whole) and the rows into columns as every run does (readRunOpenItems), and hands the columns
 * back as plain data, their arrays moved, not copied (OpenItemColumns.toData). When no worker can start, or one fails, the main thread reads
 * them: the same rows, the same problems.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Problem } from '../core/errors.js';
import { OpenItemColumns, type OpenItemColumnsData } from '../core/reconcile/open-item-rows.js';
import { type RunOpenItems, readRunOpenItems } from '../core/reconcile/run.js';
import { type SheetTextData, sheetTextOf } from '../core/xlsx/workbook.js';
import type { CliIo } from './command.js';
import { type InputFile, isProblem, noteInputPath, noteSheetRead, openInputAt, readOpened } from './io.js';
import { startWorker, type WorkerEntry, workerEntryOf } from './workers.js';

const WORKER_FLAG = 'urakata-open-items-reader';

interface Request {
  readonly cwd: string;
  readonly path: string;
  readonly sheet: string | undefined;
}

type Answer =
  | { readonly unreadable: Problem }
  | {
      readonly file: Omit<InputFile, 'bytes'>;
      /** The workbook's sheet as plain data, without its text (functions cannot cross between threads). */
      readonly sheet: SheetTextData | undefined;
      readonly data: OpenItemColumnsData;
      readonly problems: readonly Problem[];
    };

/** The open-items file as read (without its bytes) and its rows, and the thread that read them; or why it could not be read. */
export type OpenItemsRead =
  | { readonly file: Omit<InputFile, 'bytes'>; readonly items: RunOpenItems; readonly readOn: 'worker' | 'main' }
  | Problem;

/**
 * Where the reader starts (cli/workers.ts): this module under tsx, `open-items-worker.mjs` in a bundle.
 * @example openItemsWorkerEntry('file:///app/cli/open-items-reader.ts') // { url: 'file:///app/cli/open-items-reader.ts', tsx: true }
 */
export function openItemsWorkerEntry(self = import.meta.url): WorkerEntry | undefined {
  return workerEntryOf(self, 'open-items-worker.mjs');
}

/**
 * The smallest file read on a worker: starting one takes about 0.1 s (and several times that for
 * the TypeScript through tsx), in which this thread reads some 4 MB of open items itself.
 */
export const ASIDE_FROM_BYTES = 4 * 2 ** 20;

export interface AsideOptions {
  /** The sheet to read when the file is an Excel workbook. */
  readonly sheet?: string | undefined;
  /** Where the worker starts (openItemsWorkerEntry's); undefined: read on this thread. */
  readonly entry?: WorkerEntry | undefined;
  /** The smallest file read on a worker (default ASIDE_FROM_BYTES). */
  readonly fromBytes?: number;
}

/**
 * Starts reading the open-items file at `path` on a worker thread when it is large enough to gain
 * by it; `result()` gives it as read. A sheet read from a workbook is noted on `io` when the
 * result is taken, as readInput notes it.
 * @example const reading = readOpenItemsAside(io, 'open.csv'); const statement = readRunStatement(bank, today); const open = await reading.result()
 */
export function readOpenItemsAside(io: CliIo, path: string, options: AsideOptions = {}): { result(): Promise<OpenItemsRead> } {
  noteInputPath(io, path);
  const inProcess = async (): Promise<OpenItemsRead> => {
    const f = await openInputAt(io.cwd, path, { sheet: options.sheet });
    if (isProblem(f)) return f;
    if (f.sheet) noteSheetRead(io, f.sheet);
    const items = readOpened(f, (data) => readRunOpenItems({ data, file: f.name }));
    return isProblem(items) ? items : { file: { name: f.name, path: f.path }, items, readOn: 'main' };
  };
  const entry = 'entry' in options ? options.entry : openItemsWorkerEntry();
  if (entry === undefined || sizeOf(resolve(io.cwd, path)) < (options.fromBytes ?? ASIDE_FROM_BYTES)) return { result: inProcess };
  let worker: ReturnType<typeof startWorker>;
  try {
    worker = startWorker(entry, WORKER_FLAG);
  } catch {
    return { result: inProcess };
  }
  const answer = new Promise<Answer | undefined>((resolve) => {
    worker.once('message', (m: Answer) => resolve(m));
    // A worker that fails, or ends without an answer, leaves the reading to this thread.
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  worker.postMessage({ cwd: io.cwd, path, sheet: options.sheet } satisfies Request);
  return {
    result: async () => {
      const m = await answer;
      void worker.terminate();
      if (m === undefined) return inProcess();
      if ('unreadable' in m) return m.unreadable;
      if (m.sheet) noteSheetRead(io, sheetTextOf(m.sheet));
      return { file: m.file, items: { rows: OpenItemColumns.fromData(m.data), problems: m.problems }, readOn: 'worker' };
    },
  };
}

/** The file's size, or 0 when it cannot be known (this thread then reads it, and says why it cannot). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

if (!isMainThread && workerData === WORKER_FLAG && parentPort) {
  const port = parentPort;
  port.once('message', async (r: Request) => {
    const read = await openInputAt(r.cwd, r.path, { sheet: r.sheet });
    if (isProblem(read)) {
      port.postMessage({ unreadable: read } satisfies Answer);
      return;
    }
    const items = readOpened(read, (data) => readRunOpenItems({ data, file: read.name }));
    if (isProblem(items)) {
      port.postMessage({ unreadable: items } satisfies Answer);
      return;
    }
    const { rows, problems } = items;
    const sheet = read.sheet ? { ...read.sheet.data, csv: '' } : undefined;
    port.postMessage(
      { file: { name: read.name, path: read.path }, sheet, data: rows.toData(), problems } satisfies Answer,
      rows.transferables(),
    );
  });
}
