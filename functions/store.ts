/**
 * The object store the batch handlers use: S3 in production, s3rver locally. Everything the
 * handlers need goes through this interface, so the same code runs in Lambda, `urakata serve`
 * and tests.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface PutOptions {
  readonly contentType?: string;
  /** x-amz-meta-* (ASCII values; encode anything else). */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * S3 Object Lock (COMPLIANCE) until this date, for records kept under 電帳法; the bucket must
   * have Object Lock enabled. Sent with Content-MD5, which S3 requires with lock parameters.
   */
  readonly retainUntil?: Date;
}

export interface ObjectHead {
  readonly size: number;
  readonly metadata: Readonly<Record<string, string>>;
  /** The version of its bytes (S3's ETag): the object written again has another. */
  readonly etag?: string | undefined;
}

export interface ObjectStore {
  get(key: string): Promise<Uint8Array | undefined>;
  head(key: string): Promise<ObjectHead | undefined>;
  put(key: string, body: Uint8Array | string, options?: PutOptions): Promise<void>;
  /**
   * Writes only if nothing exists under `key` (S3 conditional write, `If-None-Match: *`).
   * @example await store.putIfAbsent('t/acme/invoices/2026/05/INV-1.pdf', pdf) // 'created' | 'exists'
   */
  putIfAbsent(key: string, body: Uint8Array | string, options?: PutOptions): Promise<'created' | 'exists'>;
  /** A streamed upload (multipart when large); memory stays bounded. */
  putStream(key: string, body: Readable, options?: PutOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Keys under `prefix` in lexical order, starting after `startAfter`. */
  list(prefix: string, startAfter?: string): AsyncGenerator<string>;
  /** Presigned PUT (the client must send exactly `contentLength` bytes: it is signed). */
  uploadUrl(key: string, contentLength: number, expiresSeconds: number, contentType?: string): Promise<string>;
  downloadUrl(key: string, expiresSeconds: number, fileName?: string): Promise<string>;
}

export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/**
 * The checksum settings are not optional: with the SDK defaults a streamed upload to an
 * S3-compatible server that does not understand aws-chunked framing is stored corrupted, silently.
 * Without `credentials` the SDK finds them as usual (environment, profile, role).
 * @example s3Client({ endpoint: 'http://127.0.0.1:4568', credentials: stack.credentials }) // path-style client for the local store
 */
export function s3Client(
  options: {
    endpoint?: string;
    region?: string;
    maxAttempts?: number;
    credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  } = {},
): S3Client {
  const config: S3ClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? 'ap-northeast-1',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  };
  if (options.endpoint) {
    // The local store (s3rver): path-style addressing.
    config.endpoint = options.endpoint;
    config.forcePathStyle = true;
  }
  if (options.credentials) config.credentials = { ...options.credentials };
  return new S3Client(config);
}

// An empty body otherwise goes out without Content-Length, which the SDK warns about on every call.
const byteLength = (body: Uint8Array | string): number => (typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);

const statusOf = (e: unknown): number | undefined => (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const isMissing = (e: unknown): boolean => {
  const name = (e as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(e) === 404;
};

/** Tries of a conditional write that meets 409 (another conditional write of the key in progress). */
const CONDITIONAL_ATTEMPTS = 5;

export class S3Store implements ObjectStore {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return r.Body ? await r.Body.transformToByteArray() : new Uint8Array(0);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async head(key: string): Promise<ObjectHead | undefined> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: r.ContentLength ?? 0, metadata: r.Metadata ?? {}, etag: r.ETag };
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<void> {
    await this.client.send(this.putCommand(key, body, options, false));
  }

  /**
   * 412 Precondition Failed: the key exists. 409 ConditionalRequestConflict says only that another
   * conditional write of the key is in progress (it may yet fail), never that the key exists: the
   * write is tried again, a few times, and if it still conflicts this throws, so the work is
   * delivered again rather than taking a key for written that may never be.
   */
  async putIfAbsent(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<'created' | 'exists'> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(this.putCommand(key, body, options, true));
        return 'created';
      } catch (e) {
        const status = statusOf(e);
        if (status === 412) return 'exists';
        if (status !== 409) throw e;
        if (attempt >= CONDITIONAL_ATTEMPTS) {
          throw new Error(
            `条件付き書き込みが、同じキーへの別の書き込みと競合し続けました（${attempt} 回）/ conditional write kept conflicting with another in progress (${attempt} attempts): ${key}`,
            { cause: e },
          );
        }
        // 25, 50, 100, 200 ms, each jittered, so writers that met head-on do not meet again.
        await new Promise((ok) => setTimeout(ok, 25 * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)));
      }
    }
  }

  private putCommand(key: string, body: Uint8Array | string, options: PutOptions, onlyIfAbsent: boolean): PutObjectCommand {
    return new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ContentLength: byteLength(body),
      ContentType: options.contentType,
      Metadata: options.metadata ? { ...options.metadata } : undefined,
      ...(onlyIfAbsent ? { IfNoneMatch: '*' } : {}),
      ...(options.retainUntil
        ? {
            ObjectLockMode: 'COMPLIANCE' as const,
            ObjectLockRetainUntilDate: options.retainUntil,
            ContentMD5: createHash('md5').update(body).digest('base64'),
          }
        : {}),
    });
  }

  async putStream(key: string, body: Readable, options: PutOptions = {}): Promise<void> {
    await new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType,
        Metadata: options.metadata ? { ...options.metadata } : undefined,
      },
    }).done();
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix: string, startAfter?: string): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      const r = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ContinuationToken: token,
          ...(token === undefined && startAfter !== undefined ? { StartAfter: startAfter } : {}),
        }),
      );
      for (const o of r.Contents ?? []) if (o.Key !== undefined) yield o.Key;
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
  }

  uploadUrl(key: string, contentLength: number, expiresSeconds: number, contentType?: string): Promise<string> {
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentLength: contentLength, ContentType: contentType });
    return getSignedUrl(this.client, command, { expiresIn: expiresSeconds, signableHeaders: new Set(['content-length']) });
  }

  downloadUrl(key: string, expiresSeconds: number, fileName?: string): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(fileName ? { ResponseContentDisposition: `attachment; filename="${fileName}"` } : {}),
    });
    return getSignedUrl(this.client, command, { expiresIn: expiresSeconds });
  }
}

/**
 * s3rver ignores `If-None-Match` on PUT, so the local store emulates the conditional write with
 * HEAD-then-PUT under a per-key lock. s3rver also writes an object's file in place, so a read
 * racing a write can see half an object: reads and writes of one key take the same lock. Both
 * hold only inside this one process — which is all `urakata serve` and the tests have.
 * Production uses {@link S3Store}, where S3 itself refuses the second write.
 */
export class LocalS3Store extends S3Store {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    client: S3Client,
    bucket: string,
    /** Keys per listing page (S3's maximum, 1,000, unless a test wants several pages). */
    private readonly listPageSize = 1000,
  ) {
    super(client, bucket);
  }

  /**
   * s3rver builds ListObjectsV2 continuation tokens with DES, which OpenSSL 3 refuses: any listing
   * longer than one page fails with 500. The V1 listing pages by Marker (the last key seen), which
   * s3rver answers without a cipher; S3 itself lists the same keys either way.
   */
  override async *list(prefix: string, startAfter?: string): AsyncGenerator<string> {
    let marker = startAfter;
    for (;;) {
      const r = await this.client.send(
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: prefix,
          MaxKeys: this.listPageSize,
          ...(marker !== undefined ? { Marker: marker } : {}),
        }),
      );
      let last: string | undefined;
      for (const o of r.Contents ?? []) {
        if (o.Key === undefined) continue;
        last = o.Key;
        yield o.Key;
      }
      if (!r.IsTruncated || last === undefined) return;
      marker = last;
    }
  }

  private locked<T>(key: string, f: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(key) ?? Promise.resolve()).then(f);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    void settled.then(() => {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    });
    return run;
  }

  override get(key: string): Promise<Uint8Array | undefined> {
    return this.locked(key, () => super.get(key));
  }

  override put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<void> {
    return this.locked(key, () => super.put(key, body, options));
  }

  override putIfAbsent(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<'created' | 'exists'> {
    return this.locked(key, async () => {
      if (await this.head(key)) return 'exists' as const;
      await super.put(key, body, options);
      return 'created' as const;
    });
  }
}
