/**
 * One zip of many files, streamed into the store: each file is added as it comes and the zip is
 * piped through a multipart upload, so memory holds a few files, never the whole archive. The
 * invoice batch (invoices.zip) and the year-end run (slips.zip) write theirs through this.
 */
import { PassThrough } from 'node:stream';
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
  try {
    for await (const e of entries) {
      zip.addBuffer(Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength), e.name, zipEntryOptions(e.date, 'stored'));
    }
  } catch (e) {
    zip.outputStream.unpipe(out);
    out.destroy(e as Error);
    await upload.catch(() => undefined);
    throw e;
  }
  zip.end();
  await upload;
}
