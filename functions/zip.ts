/**
 * One zip of many files, streamed into the store: each file is added as it comes and the zip is
 * piped through a multipart upload, so memory holds a few files, never the whole archive. The
 * invoice batch (invoices.zip) and the year-end run (slips.zip) write theirs through this.
 */
import { PassThrough, Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { wallClockDate } from '../core/dates/calendar.js';
import type { ObjectStore } from './store.js';

/**
 * How Urakata adds a file to a ZIP, in the cloud and in the CLI alike: dated its day in the DOS
 * field alone (no UTC extra field: Lambda runs in UTC, and a date built at 00:00+09:00 read the
 * day before there; the same bytes and the same date shown on any host's time zone), a PDF stored
 * as it is (already deflated inside: storing it saves CPU and costs almost no space).
 * @example zip.addBuffer(bytes, 'INV-1.pdf', zipEntryOptions('2026-05-31', 'stored'))
 */
export function zipEntryOptions(date: string, storage: 'stored' | 'deflated'): { mtime: Date; compress: boolean; forceDosTimestamp: true } {
  return { mtime: wallClockDate(date), compress: storage === 'deflated', forceDosTimestamp: true };
}

export interface ZipEntry {
  /** The file's name inside the zip. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The day the zip records for the file (YYYY-MM-DD). */
  readonly date: string;
}

/**
 * Writes `entries`, in their order, as one zip under `target`. An entry that fails to come (the
 * iterator throws) aborts the upload and the error is thrown: no half zip is left under `target`.
 * @example await zipToStore(store, 'tenants/acme/…/slips.zip', slips())
 */
export async function zipToStore(store: ObjectStore, target: string, entries: AsyncIterable<ZipEntry>): Promise<void> {
  const zip = new ZipFile();
  const out = new PassThrough();
  // A failed upload destroys its body stream with the error; the upload promise reports it, so the
  // stream's own 'error' event needs a listener or it would end the process.
  out.on('error', () => undefined);
  zip.outputStream.pipe(out);
  const upload = store.putStream(target, out, { contentType: 'application/zip' });
  // The upload can fail while the loop below is still adding; it is awaited (and its error thrown) after.
  upload.catch(() => undefined);
  // Never resolves; rejects with the upload's error, so a wait for an entry ends when the upload fails.
  const failed = upload.then(() => new Promise<never>(() => undefined));
  failed.catch(() => undefined);
  try {
    for await (const e of entries) await Promise.race([addEntry(zip, e), failed]);
  } catch (e) {
    zip.outputStream.unpipe(out);
    out.destroy(e as Error);
    await upload.catch(() => undefined);
    throw e;
  }
  zip.end();
  await upload;
}

/**
 * Adds one entry and resolves once the zip has read all of it, so the next is added only then:
 * the zip's output goes no faster than the upload takes it. The bytes are handed over as a stream
 * when the zip asks for them and then let go of (yazl keeps what it was given with addBuffer
 * until the zip ends: a batch's every PDF). The entry is stored with its size, its CRC in a data
 * descriptor after it, as the CLI's invoices.zip (addFile) has it.
 */
function addEntry(zip: ZipFile, e: ZipEntry): Promise<void> {
  // Read out of `e` here: a closure below that named `e` would keep its bytes as long as the zip.
  const options = { ...zipEntryOptions(e.date, 'stored'), size: e.bytes.byteLength };
  const name = e.name;
  let bytes: Uint8Array | undefined = e.bytes;
  return new Promise<void>((ok, fail) => {
    zip.addReadStreamLazy(name, options, (give) => {
      const b = bytes ?? new Uint8Array(0);
      bytes = undefined;
      const body = Readable.from([Buffer.from(b.buffer, b.byteOffset, b.byteLength)], { objectMode: false });
      body.once('end', ok);
      body.once('error', fail);
      give(null, body);
    });
  });
}
