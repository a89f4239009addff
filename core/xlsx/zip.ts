/**
 * The entries of a ZIP archive (an .xlsx is one), read from its central directory, and the bytes
 * of one entry with a bound on what it may expand to. Inflating is the host's (`InflateRaw`: Node's
 * zlib in the CLI and Lambda): core has no zlib, and a pure inflater would be slower than the
 * reading it serves.
 */

/** A problem with the archive itself: cut short, encrypted, ZIP64, or expanding past its bound. */
export class ZipError extends Error {
  override name = 'ZipError';
  constructor(
    readonly message_ja: string,
    readonly message_en: string,
  ) {
    super(`${message_ja} / ${message_en}`);
  }
}

/**
 * Raw deflate (RFC 1951) → bytes, refusing (throwing) as soon as the output would pass `maxBytes`:
 * a few kilobytes can expand to gigabytes (a zip bomb), so the bound is kept while inflating, not
 * checked after.
 * @example (raw, max) => new Uint8Array(inflateRawSync(raw, { maxOutputLength: max })) // Node
 */
export type InflateRaw = (raw: Uint8Array, maxBytes: number) => Uint8Array;

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** As the archive declares it (a bomb may lie: the inflater's bound is what holds). */
  readonly size: number;
  readonly localHeader: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** True when the bytes start like a ZIP archive (PK\x03\x04). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const truncated = () => new ZipError('ZIP の構造が壊れています（途中で切れています）', 'the ZIP structure is damaged (cut short)');

/**
 * Every entry the central directory lists, by name.
 * @example zipEntries(xlsxBytes).has('xl/workbook.xml') // true
 */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is the last 22 bytes, before a comment of up to 64 KB.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw truncated();
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new ZipError('ZIP64 形式には対応していません（4 GB 超のブック）', 'ZIP64 archives are not supported (a workbook over 4 GB)');
  }
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8');
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw truncated();
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localHeader = view.getUint32(p + 42, true);
    if (p + 46 + nameLength > bytes.length) throw truncated();
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (flags & 1) {
      throw new ZipError(
        'パスワードで保護されたブックは読めません（保護を外して保存してください）',
        'a password-protected workbook cannot be read (save it without the password)',
      );
    }
    entries.set(name, { name, method, compressedSize, size, localHeader });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The bytes of one entry, at most `maxBytes` of them once expanded (`limit`, the bound as the
 * message names it, when this entry has only what others left of it).
 * @example new TextDecoder().decode(zipEntryBytes(bytes, entry, inflate, 1 << 20))
 */
export function zipEntryBytes(bytes: Uint8Array, entry: ZipEntry, inflateRaw: InflateRaw, maxBytes: number, limit = maxBytes): Uint8Array {
  const mb = Math.floor(limit / 2 ** 20);
  const tooLarge = () =>
    new ZipError(`「${entry.name}」は展開すると上限の ${mb} MB を超えます`, `"${entry.name}" expands past the limit of ${mb} MB`);
  if (entry.size > maxBytes) throw tooLarge();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = entry.localHeader;
  if (h + 30 > bytes.length || view.getUint32(h, true) !== LOCAL) throw truncated();
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw truncated();
  const raw = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (raw.length > maxBytes) throw tooLarge();
    return raw;
  }
  if (entry.method !== 8) {
    throw new ZipError(
      `「${entry.name}」の圧縮方式（${entry.method}）には対応していません`,
      `unsupported compression method ${entry.method} in "${entry.name}"`,
    );
  }
  try {
    return inflateRaw(raw, maxBytes);
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw new ZipError(`「${entry.name}」を展開できません（壊れています）`, `"${entry.name}" cannot be decompressed (damaged)`);
  }
}
