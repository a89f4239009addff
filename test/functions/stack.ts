/**
 * Test fixtures for the serverless handlers: a local stack on a temp folder, a store wrapper
 * that counts writes per key, S3's answers to conditional writes, a STORE-mode zip reader,
 * invoice CSV builders.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createCredential } from '../../functions/auth.js';
import type { ApiResponse } from '../../functions/errors.js';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../functions/local/stack.js';
import { logger } from '../../functions/log.js';
import { type ObjectStore, S3Store } from '../../functions/store.js';

logger.setLogLevel('SILENT');

export const ISSUER = JSON.parse(readFileSync(new URL('../../examples/invoices/issuer.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

export const HEADER = 'invoice_no,issue_date,due_date,customer_id,customer_name,item,quantity,unit_price,tax_rate';

/** `n` one-line invoices `{prefix}-{i}` of 1,000 yen × (i+1) at 10%. */
export function invoiceCsv(n: number, prefix = 'A', customer = 'C1'): string {
  const rows = [HEADER];
  for (let i = 1; i <= n; i++) rows.push(`${prefix}-${i},2026-05-31,2026-06-30,${customer},甲社,品目,1,${1000 * i},10`);
  return `${rows.join('\r\n')}\r\n`;
}

/** Every call passed on to `inner`: a wrapper spreads it and replaces what it changes. */
export function delegate(inner: ObjectStore): ObjectStore {
  return {
    get: (k) => inner.get(k),
    head: (k) => inner.head(k),
    list: (p, s) => inner.list(p, s),
    delete: (k) => inner.delete(k),
    uploadUrl: (k, l, e, t) => inner.uploadUrl(k, l, e, t),
    downloadUrl: (k, e, f) => inner.downloadUrl(k, e, f),
    putStream: (k, b, o) => inner.putStream(k, b, o),
    put: (k, b, o) => inner.put(k, b, o),
    putIfAbsent: (k, b, o) => inner.putIfAbsent(k, b, o),
  };
}

/** Counts, per key, how many times an object was actually created or overwritten. */
export class CountingStore {
  readonly writes = new Map<string, number>();
  wrap = (inner: ObjectStore): ObjectStore => {
    const bump = (k: string) => this.writes.set(k, (this.writes.get(k) ?? 0) + 1);
    return {
      ...delegate(inner),
      putStream: (k, b, o) => inner.putStream(k, b, o).then(() => void bump(k)),
      put: (k, b, o) => inner.put(k, b, o).then(() => void bump(k)),
      putIfAbsent: async (k, b, o) => {
        const r = await inner.putIfAbsent(k, b, o);
        if (r === 'created') bump(k);
        return r;
      },
    };
  };
  /** Writes of issued invoice files (PDF/XML). */
  invoiceWrites(): number[] {
    return [...this.writes].filter(([k]) => /\/invoices\/\d{4}\/\d{2}\//.test(k)).map(([, n]) => n);
  }
}

/** S3's error codes for the statuses a test makes a conditional write meet. */
const S3_ERRORS: Readonly<Record<number, readonly [code: string, message: string]>> = {
  409: [
    'ConditionalRequestConflict',
    'A conflicting conditional operation is currently in progress against this resource. Please try again.',
  ],
  412: ['PreconditionFailed', 'At least one of the pre-conditions you specified did not hold'],
  500: ['InternalError', 'We encountered an internal error. Please try again.'],
};

/**
 * S3's conditional write (`If-None-Match: *`) over s3rver, which ignores the header: the wrapped
 * store's conditional writes go through {@link S3Store} itself (not the local store's emulation),
 * and a middleware on its client answers them as S3 does — 412 PreconditionFailed when the key
 * exists, 409 ConditionalRequestConflict while another conditional write of the key is in
 * progress — with S3's XML error body, so the SDK makes the error it throws, as it would from S3.
 * `plan` makes a key's next conditional writes meet given statuses first, as when another
 * writer's is in progress (409) or S3 fails (500).
 */
export class ConditionalWrites {
  private readonly planned = new Map<string, number[]>();
  private readonly writing = new Set<string>();
  /** Each conditional write's key and the status it met (200: written), in order. */
  readonly answered: (readonly [key: string, status: number])[] = [];

  plan(key: string, ...statuses: number[]): void {
    this.planned.set(key, [...(this.planned.get(key) ?? []), ...statuses]);
  }

  /** The statuses `key`'s conditional writes met. */
  statuses(key: string): number[] {
    return this.answered.filter(([k]) => k === key).map(([, status]) => status);
  }

  wrap = (inner: ObjectStore): ObjectStore => {
    if (!(inner instanceof S3Store)) throw new Error('ConditionalWrites wraps an S3-backed store');
    inner.client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: unknown; IfNoneMatch?: unknown };
        const key = input.Key;
        if (context.commandName !== 'PutObjectCommand' || input.IfNoneMatch !== '*' || typeof key !== 'string') return next(args);
        const answer = (status: number) => {
          this.answered.push([key, status]);
          const [code, message] = S3_ERRORS[status] ?? ['Unknown', ''];
          const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Key>${key}</Key><RequestId>TEST</RequestId></Error>`;
          const response = { statusCode: status, headers: { 'content-type': 'application/xml' }, body: Readable.from([Buffer.from(xml)]) };
          return { response };
        };
        const planned = this.planned.get(key)?.shift();
        if (planned !== undefined) return answer(planned);
        if (this.writing.has(key)) return answer(409);
        this.writing.add(key);
        try {
          if (await inner.head(key)) return answer(412);
          const written = await next(args);
          this.answered.push([key, 200]);
          return written;
        } finally {
          this.writing.delete(key);
        }
      },
      // Inside the SDK's deserializer: it reads the answer as it reads S3's.
      { step: 'deserialize', priority: 'low', name: 'conditionalWrites' },
    );
    const s3 = new S3Store(inner.client, inner.bucket);
    return { ...delegate(inner), putIfAbsent: (k, b, o) => s3.putIfAbsent(k, b, o) };
  };
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are JSON the assertions inspect field by field
export type Json = any;

export interface TestStack {
  readonly stack: LocalStack;
  readonly dir: string;
  readonly token: string;
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: Json }>;
  /** POST a batch, PUT the CSV to its presigned URL, wait for the queue, return the status. */
  runBatch(csv: string | Uint8Array, extra?: Record<string, unknown>): Promise<{ batchId: string; status: Json }>;
  /**
   * POST a job (reconcile, payroll, year-end), PUT each file to its upload URL, wait for the
   * queue, return the finished status.
   */
  runJob(path: string, body: Json, files: Record<string, Uint8Array>, token?: string): Promise<Json>;
  close(): Promise<void>;
}

export async function testStack(options: Partial<LocalStackOptions> = {}, tenant = 'tenant-a'): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'urakata-s3-'));
  const stack = await startLocalStack({ directory: dir, queue: { retryDelayMs: 20, maxAttempts: 5 }, ...options });
  const { token } = await createCredential(stack.store, tenant, 'test');
  const parse = (r: ApiResponse) => ({ status: r.status, body: JSON.parse(r.body) });
  const call: TestStack['call'] = async (method, path, body, as = token) => {
    const [p = '', q = ''] = path.split('?');
    return parse(
      await stack.request({
        method,
        path: p,
        query: Object.fromEntries(new URLSearchParams(q)),
        body: body === undefined ? undefined : JSON.stringify(body),
        // As every client sends its JSON (the task pane, the Sheets sidebar, curl -H).
        contentType: body === undefined ? undefined : 'application/json',
        authorization: as === null ? undefined : `Bearer ${as}`,
      }),
    );
  };
  return {
    stack,
    dir,
    token,
    call,
    async runBatch(csv, extra = {}) {
      const bytes = (typeof csv === 'string' ? new TextEncoder().encode(csv) : csv) as Uint8Array<ArrayBuffer>;
      const created = await call('POST', '/v1/invoice-batches', { size: bytes.length, issuer: ISSUER, ...extra });
      if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
      const put = await fetch(created.body.uploadUrl, { method: 'PUT', body: bytes });
      if (!put.ok) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
      // The store's upload event reaches the queue a moment after the PUT returns.
      for (let waited = 0; ; waited += 10) {
        await stack.idle();
        const status = await call('GET', `/v1/invoice-batches/${created.body.batchId}`);
        if ((status.body.state !== 'awaiting_upload' && status.body.state !== 'running') || waited > 20_000) {
          return { batchId: created.body.batchId, status: status.body };
        }
        await new Promise((ok) => setTimeout(ok, 10));
      }
    },
    async runJob(path, body, files, as = token) {
      const created = await call('POST', path, body, as);
      if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
      const id = created.body.jobId ?? created.body.runId;
      for (const [field, bytes] of Object.entries(files)) {
        const put = await fetch(created.body.uploadUrls[field], { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer> });
        if (!put.ok) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
      }
      for (let i = 0; i < 500; i++) {
        await stack.idle();
        const s = await call('GET', `${path}/${id}`, undefined, as);
        if (s.body.state === 'done' || s.body.state === 'failed') return s.body;
        await new Promise((ok) => setTimeout(ok, 10));
      }
      throw new Error('job did not finish');
    },
    async close() {
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function download(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`download ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** Entries of a zip written with stored (uncompressed) members, read from the central directory. */
export function unzipStored(zip: Uint8Array): Map<string, Uint8Array> {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const out = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const method = b.readUInt16LE(p + 10);
    const size = b.readUInt32LE(p + 20);
    const nameLength = b.readUInt16LE(p + 28);
    const extra = b.readUInt16LE(p + 30);
    const comment = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    if (method !== 0) throw new Error(`${name}: compressed member`);
    const dataStart = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    out.set(name, new Uint8Array(b.subarray(dataStart, dataStart + size)));
    p += 46 + nameLength + extra + comment;
  }
  return out;
}
