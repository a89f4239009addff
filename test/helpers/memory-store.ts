/**
 * The object store as a map: no s3rver, so no upload event of its own races the handlers under
 * test, and a test can call a handler's own functions to get what it writes.
 */
import type { Readable } from 'node:stream';
import type { ObjectHead, ObjectStore, PutOptions } from '../../functions/store.js';

export class MemoryStore implements ObjectStore {
  readonly objects = new Map<string, { bytes: Uint8Array; metadata: Readonly<Record<string, string>>; version?: number }>();
  private writes = 0;
  async get(k: string) {
    return this.objects.get(k)?.bytes;
  }
  async head(k: string): Promise<ObjectHead | undefined> {
    const o = this.objects.get(k);
    return o && { size: o.bytes.byteLength, metadata: o.metadata, etag: `"${o.version ?? 0}"` };
  }
  async put(k: string, body: Uint8Array | string, options: PutOptions = {}) {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    this.objects.set(k, { bytes, metadata: options.metadata ?? {}, version: ++this.writes });
  }
  async putIfAbsent(k: string, body: Uint8Array | string, options?: PutOptions) {
    if (this.objects.has(k)) return 'exists' as const;
    await this.put(k, body, options);
    return 'created' as const;
  }
  async putStream(k: string, body: Readable, options?: PutOptions) {
    const parts: Buffer[] = [];
    for await (const part of body) parts.push(Buffer.from(part));
    await this.put(k, Buffer.concat(parts), options);
  }
  async delete(k: string) {
    this.objects.delete(k);
  }
  async *list(prefix: string, startAfter = '') {
    for (const k of [...this.objects.keys()].sort()) if (k.startsWith(prefix) && k > startAfter) yield k;
  }
  async uploadUrl(k: string) {
    return `memory:///${k}`;
  }
  async downloadUrl(k: string) {
    return `memory:///${k}`;
  }
}
