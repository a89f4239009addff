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
 * is renamed into place. A journal at that path with those bytes booked them: a run stopped after
 * the rename, before it removed this file, books nothing twice. When the journal is in place, the
 * file is replaced by what is left to book (nothing: removed). A line cut short by a kill is skipped.
 */
import { createHash } from 'node:crypto';
import { constants, type FileHandle, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { invoiceFileName } from '../../core/invoice/index.js';
import type { CliIo } from '../command.js';
import { type OutputFile, writeOutput } from '../io.js';

export const PENDING_FILE = 'journal-pending.jsonl';

/** The sha256 of an output's bytes, as they will be written. */
export function outputSha256(data: OutputFile['data']): string {
  const hash = createHash('sha256');
  if (typeof data === 'string' || data instanceof Uint8Array) hash.update(data);
  else for (const piece of data) hash.update(piece);
  return hash.digest('hex');
}

async function fileSha256(path: string): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return open(path, constants.O_RDONLY).then(
    (h) => h.close().then(() => true),
    () => false,
  );
}

export class JournalPending {
  private handle: FileHandle | undefined;

  private constructor(
    private readonly io: CliIo,
    private readonly dir: string,
    /** Issued by an earlier run, their PDF in the folder, and booked by no journal in place. */
    readonly carried: ReadonlySet<string>,
  ) {}

  /** What the folder's record says is issued and not booked. */
  static async open(io: CliIo, dir: string): Promise<JournalPending> {
    const text = await readFile(join(dir, PENDING_FILE), 'utf8').catch(() => '');
    const issued = new Set<string>();
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
        if ((await fileSha256(r.journal)) === r.sha256) for (const no of r.booked) if (typeof no === 'string') issued.delete(no);
      }
    }
    // Noted and then not issued (its PDF could not be written, or the run stopped before): nothing to book.
    const carried = new Set<string>();
    for (const no of issued) if (await exists(join(dir, invoiceFileName(no, 'pdf')))) carried.add(no);
    return new JournalPending(io, dir, carried);
  }

  private async append(record: object): Promise<void> {
    // Created for its owner only; a link placed at the name is not followed.
    this.handle ??= await open(
      join(this.dir, PENDING_FILE),
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
      0o600,
    );
    await this.handle.write(`\n${JSON.stringify(record)}\n`);
  }

  /** Before an invoice's PDF is written. */
  issuing(invoiceNo: string): Promise<void> {
    return this.append({ issued: invoiceNo });
  }

  /** The journal that books `booked`, made and about to be renamed into place at `path` (absolute). */
  committing(path: string, data: OutputFile['data'], booked: readonly string[]): Promise<void> {
    return this.append({ journal: path, sha256: outputSha256(data), booked });
  }

  /** Once the journal is in place: the record becomes what is still to book (`left`), or goes. */
  async settle(left: readonly string[]): Promise<void> {
    await this.close();
    const path = join(this.dir, PENDING_FILE);
    if (left.length === 0) await rm(path, { force: true });
    else await writeOutput(this.io, path, left.map((no) => `${JSON.stringify({ issued: no })}\n`).join(''));
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}
