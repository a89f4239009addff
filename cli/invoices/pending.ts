/**
 * The invoices of an output folder issued and not yet booked (`journal-pending.jsonl`), for
 * `invoices --journal`. An invoice is issued the moment its PDF is in place, one after another,
 * and its 仕訳 goes into the journal at the end of the run: a run stopped between the two (killed,
 * or its journal's folder not writable) would leave invoices issued and booked nowhere, and the
 * next run finds them unchanged. So each invoice is noted here before its PDF is written, and the
 * next run with --journal books those it finds unchanged.
 *
 * One JSON object a line, appended: `{"issued": no}` before an invoice's PDF is written, and
 * `{"journal": path, "sha256": hash, "booked": [no…]}` once the run's journal is made, before it
 * is renamed into place. The next run judges each such record once, as it starts: the renames a
 * run stopped among are finished first (a journal whose renames were decided is in place), then a
 * regular file at that path with those bytes booked them — a run stopped after the rename books
 * nothing twice. The record is then written again as what is left to book, so a journal replaced
 * later is never judged again. When the run's journal is in place, the record becomes what is
 * still to book, or goes. A line cut short by a kill is skipped.
 *
 * One run at a time per folder (the invoices CLI holds lockFolder): two at once would each book
 * the other's invoices.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { constants, type FileHandle, lstat, open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { invoiceFileName } from '../../core/invoice/index.js';
import { problem, type Problem } from '../../core/errors.js';
import type { CliIo } from '../command.js';
import { finishInterruptedRuns, type OutputFile, writeOutput } from '../io.js';

export const PENDING_FILE = 'journal-pending.jsonl';

/** Larger than any folder's record (100,000 invoices noted take 3 MB): not read. */
export const MAX_PENDING_BYTES = 64 * 1024 * 1024;

/** The sha256 of an output's bytes, as they will be written. */
export function outputSha256(data: OutputFile['data']): string {
  const hash = createHash('sha256');
  if (typeof data === 'string' || data instanceof Uint8Array) hash.update(data);
  else for (const piece of data) hash.update(piece);
  return hash.digest('hex');
}

/** The sha256 of a regular file (not followed through a link, never a pipe or a device), or undefined. */
async function regularFileSha256(path: string): Promise<string | undefined> {
  let h: FileHandle;
  try {
    h = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (!(await h.stat()).isFile()) return undefined;
    const hash = createHash('sha256');
    for await (const piece of createReadStream('', { fd: h, autoClose: false })) hash.update(piece as Buffer);
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    await h.close();
  }
}

async function isFile(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

function recordProblem(path: string, ja: string, en: string): Problem {
  return problem(path, 0, '', '', `${ja}。請求書は発行していません`, `${en}; no invoice was issued`);
}

/** The record's lines as written, or what keeps it from being read. */
async function readRecord(path: string): Promise<string | Problem> {
  let h: FileHandle;
  try {
    h = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    if (code === 'ENOENT') return '';
    return recordProblem(
      path,
      `発行済みで仕訳前の請求書の記録を読めません（${code}）`,
      `cannot read the record of invoices issued and not booked (${code})`,
    );
  }
  try {
    const s = await h.stat();
    if (!s.isFile())
      return recordProblem(
        path,
        '発行済みで仕訳前の請求書の記録がファイルではありません',
        'the record of invoices issued and not booked is not a file',
      );
    if (s.size > MAX_PENDING_BYTES)
      return recordProblem(
        path,
        `発行済みで仕訳前の請求書の記録が大きすぎます（${s.size}バイト、上限${MAX_PENDING_BYTES}）`,
        `the record of invoices issued and not booked is too large (${s.size} bytes, at most ${MAX_PENDING_BYTES})`,
      );
    return await h.readFile('utf8');
  } finally {
    await h.close();
  }
}

export class JournalPending {
  private constructor(
    private readonly io: CliIo,
    private readonly dir: string,
    private handle: FileHandle | undefined,
    /** Issued by an earlier run, their PDF in the folder, and booked by no journal in place. */
    readonly carried: ReadonlySet<string>,
    /** Of those, the ones a journal was made for that is not in place as made: that journal's path. */
    private readonly unconfirmed: ReadonlyMap<string, string>,
  ) {}

  /**
   * What the folder's record says is issued and not booked, judged now and written back as such;
   * the record open for this run's notes. A record that cannot be read or written is a problem:
   * the run issues nothing.
   */
  static async open(io: CliIo, dir: string): Promise<JournalPending | Problem> {
    const path = join(dir, PENDING_FILE);
    const text = await readRecord(path);
    if (typeof text !== 'string') return text;
    const issued = new Set<string>();
    const unconfirmed = new Map<string, string>();
    for (const line of text.split('\n')) {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        continue;
      }
      if (typeof record !== 'object' || record === null) continue;
      const r = record as { issued?: unknown; journal?: unknown; sha256?: unknown; booked?: unknown };
      if (typeof r.issued === 'string') issued.add(r.issued);
      else if (typeof r.journal === 'string' && typeof r.sha256 === 'string' && Array.isArray(r.booked)) {
        await finishInterruptedRuns(dirname(r.journal));
        const inPlace = (await regularFileSha256(r.journal)) === r.sha256;
        for (const no of r.booked) {
          if (typeof no !== 'string') continue;
          if (inPlace) issued.delete(no);
          else if (issued.has(no)) unconfirmed.set(no, r.journal);
        }
      }
    }
    // Noted and then not issued (its PDF could not be written, or the run stopped before): nothing to book.
    const carried = new Set<string>();
    for (const no of issued) if (await isFile(join(dir, invoiceFileName(no, 'pdf')))) carried.add(no);
    try {
      if (text !== '') await writeOutput(io, path, noted(carried));
      // Created for its owner only; a link placed at the name is not followed.
      const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
      return new JournalPending(io, dir, handle, carried, unconfirmed);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      return recordProblem(
        path,
        `発行済みで仕訳前の請求書の記録を書けません（${code}）`,
        `cannot write the record of invoices issued and not booked (${code})`,
      );
    }
  }

  private async append(record: object): Promise<void> {
    if (!this.handle) throw new Error(`${PENDING_FILE} is closed`);
    await this.handle.write(`\n${JSON.stringify(record)}\n`);
  }

  /** The record's path. */
  get path(): string {
    return join(this.dir, PENDING_FILE);
  }

  /** Before an invoice's PDF is written. */
  issuing(invoiceNo: string): Promise<void> {
    return this.append({ issued: invoiceNo });
  }

  /** The journal that books `booked`, made and about to be renamed into place at `path` (absolute). */
  committing(path: string, data: OutputFile['data'], booked: readonly string[]): Promise<void> {
    return this.append({ journal: path, sha256: outputSha256(data), booked });
  }

  /** A carried invoice whose journal was made and is not in place as made: that journal's path. */
  journalNotInPlace(invoiceNo: string): string | undefined {
    return this.unconfirmed.get(invoiceNo);
  }

  /** Once the journal is in place: the record becomes what is still to book (`left`), or goes. */
  async settle(left: readonly string[]): Promise<void> {
    await this.close();
    const path = join(this.dir, PENDING_FILE);
    if (left.length === 0) await rm(path, { force: true });
    else await writeOutput(this.io, path, noted(left));
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** The record of these invoices, issued and not booked. */
function noted(invoices: Iterable<string>): string {
  let text = '';
  for (const no of invoices) text += `${JSON.stringify({ issued: no })}\n`;
  return text;
}
