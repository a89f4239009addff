/**
 * The local store's own key pair: random per data folder, made on first start and kept in the
 * folder (`.store-key.json`, readable by its owner only) so that the links handed out keep working
 * across restarts. A key file others could read, a link in its place, or a damaged one is replaced
 * by a new key, never used.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import type { StoreCredentials } from './sigv4.js';

/** The key file's name in the store's folder (a file there is never a bucket). */
export const STORE_KEY_FILE = '.store-key.json';

const ID = /^URK[A-Z2-7]{17}$/;
const SECRET = /^[A-Za-z0-9+/]{40}$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const POSIX = process.platform !== 'win32';

const newKey = (): StoreCredentials => ({
  // The shape of an AWS key pair: a 20-character id, a 40-character secret (240 random bits).
  accessKeyId: `URK${[...randomBytes(17)].map((b) => BASE32[b % 32]).join('')}`,
  secretAccessKey: randomBytes(30).toString('base64'),
});

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

/** The kept key, or why there is none to use. */
async function readKey(path: string): Promise<StoreCredentials | 'absent' | 'unusable'> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
  } catch (e) {
    return codeOf(e) === 'ENOENT' ? 'absent' : 'unusable';
  }
  try {
    const s = await handle.stat();
    if (!s.isFile() || s.size > 1024) return 'unusable';
    if (POSIX && ((s.mode & 0o077) !== 0 || s.uid !== process.getuid?.())) return 'unusable';
    const kept = JSON.parse(await handle.readFile('utf8')) as Partial<StoreCredentials>;
    if (typeof kept.accessKeyId !== 'string' || typeof kept.secretAccessKey !== 'string') return 'unusable';
    if (!ID.test(kept.accessKeyId) || !SECRET.test(kept.secretAccessKey)) return 'unusable';
    return { accessKeyId: kept.accessKeyId, secretAccessKey: kept.secretAccessKey };
  } catch {
    return 'unusable';
  } finally {
    await handle.close();
  }
}

/**
 * The key pair a running local store in `directory` already uses, for a tool that signs its
 * requests with it; never makes one (a new key would not be the server's).
 * @example const key = await keptStoreKey('.urakata/s3') // { accessKeyId: 'URK…', … } or throws
 */
export async function keptStoreKey(directory: string): Promise<StoreCredentials> {
  const kept = await readKey(join(directory, STORE_KEY_FILE));
  if (typeof kept === 'object') return kept;
  throw new Error(
    `${directory} にストアの鍵（${STORE_KEY_FILE}）がありません。先に urakata serve を起動してください / ` +
      `no usable store key in ${directory}: start urakata serve first`,
  );
}

/**
 * The key pair of the store in `directory`, made (mode 0600) if there is none to use.
 * @example const key = await storeKey('.urakata/s3') // { accessKeyId: 'URK…', secretAccessKey: '…' }
 */
export async function storeKey(directory: string): Promise<StoreCredentials> {
  const path = join(directory, STORE_KEY_FILE);
  const kept = await readKey(path);
  if (typeof kept === 'object') return kept;
  const key = newKey();
  const text = `${JSON.stringify(key)}\n`;
  if (kept === 'absent') {
    try {
      // Created new: a file or link that appears at the name meanwhile is not written through.
      await writeFile(path, text, { flag: 'wx', mode: 0o600 });
      return key;
    } catch (e) {
      if (codeOf(e) !== 'EEXIST') throw e;
      const other = await readKey(path);
      if (typeof other === 'object') return other;
    }
  }
  // Replaced whole: a new file renamed over the old one (or over a link, which is removed, not followed).
  const temp = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, text, { flag: 'wx', mode: 0o600 });
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
  return key;
}
