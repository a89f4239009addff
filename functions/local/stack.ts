/**
 * The whole serverless stack in one process, for `urakata serve`, tests and benchmarks: s3rver
 * (its upload events play S3 notifications) behind a gate on 127.0.0.1 that lets through only
 * requests signed with the store's own key, the in-process queue (SQS + DLQ) and the same handlers
 * Lambda runs. s3rver does not listen on any port itself: the gate is the store's only listener.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { chmod, mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import type { PdfFontBytes } from '../../core/pdf/document.js';
import { type ApiDeps, type ApiRequest, handleApi } from '../api.js';
import { authorize } from '../auth.js';
import { type ApiResponse, FORBIDDEN, UNAUTHORIZED } from '../errors.js';
import { handlerFonts } from '../fonts.js';
import { runJobs } from '../jobs/runs.js';
import { INCOMING } from '../keys.js';
import { LocalQueue, type LocalQueueOptions } from '../queue.js';
import { messagesOf } from '../schemas.js';
import { LocalS3Store, type ObjectStore, s3Client } from '../store.js';
import { handleDeadLetter, handleWork, type WorkerDeps } from '../worker.js';
import { storeGate } from './gate.js';
import { recoverUnfinishedWork } from './recover.js';
import type { StoreCredentials } from './sigv4.js';
import { storeKey } from './store-key.js';

export { STORE_KEY_FILE } from './store-key.js';
export type { StoreCredentials } from './sigv4.js';

export const LOCAL_BUCKET = 'urakata-local';
const REGION = 'us-east-1';

/**
 * s3rver checks only that a V4 request's key id is one it knows (the signature itself is checked
 * by the gate, before s3rver sees the request): each stack's id is known while a stack uses it.
 */
const registered = new Map<string, number>();
function registerKey(key: StoreCredentials): () => void {
  registered.set(key.accessKeyId, (registered.get(key.accessKeyId) ?? 0) + 1);
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(key.accessKeyId, key.secretAccessKey);
  return () => {
    const left = (registered.get(key.accessKeyId) ?? 1) - 1;
    if (left > 0) return void registered.set(key.accessKeyId, left);
    registered.delete(key.accessKeyId);
    AWSAccount.DUMMY_ACCOUNT.revokeAccessKey(key.accessKeyId);
  };
}

/**
 * Connections each local server holds at once: any process on the machine may connect, and
 * connections that never send a request (25,000 of them) had left the process out of file
 * descriptors, its store and queued work failing. Past the limit a new connection is closed at
 * once; one that sends no headers within LOCAL_SERVER_OPTIONS.headersTimeout is closed too.
 */
export const LOCAL_MAX_CONNECTIONS = 256;

/** Timeouts of the local servers (the store, `urakata serve`'s API): uploads of 50 MB on localhost take seconds. */
export const LOCAL_SERVER_OPTIONS = { headersTimeout: 10_000, requestTimeout: 120_000, connectionsCheckingInterval: 2_000 } as const;

/** A local server with the connection limit set. */
export function limitedServer<T extends Server>(server: T): T {
  server.maxConnections = LOCAL_MAX_CONNECTIONS;
  return server;
}

export interface LocalStackOptions {
  /** s3rver's data folder; it also keeps the store's key, and is made readable by its owner only. */
  readonly directory: string;
  /** The store's port on 127.0.0.1; 0 = any free port. */
  readonly port?: number;
  /** Origins whose pages may use presigned URLs (CORS); none by default. */
  readonly corsOrigins?: readonly string[];
  readonly chunkSize?: number;
  readonly maxUploadBytes?: number;
  /** Invoices one batch may hold (default MAX_BATCH_INVOICES). */
  readonly maxBatchInvoices?: number;
  readonly queue?: LocalQueueOptions;
  readonly renderPdf?: (invoice: Parameters<NonNullable<WorkerDeps['renderPdf']>>[0], fonts: PdfFontBytes) => Promise<Uint8Array>;
  /** Wraps the store (tests count writes through it). */
  readonly wrapStore?: (store: ObjectStore) => ObjectStore;
  /** SDK attempts per request (default 3). */
  readonly maxAttempts?: number;
}

export interface LocalStack {
  readonly endpoint: string;
  readonly port: number;
  /** The store's key pair: the only one it answers (kept in the data folder, mode 0600). */
  readonly credentials: StoreCredentials;
  readonly store: ObjectStore;
  readonly deps: ApiDeps & WorkerDeps;
  /** Authorizer + router, as API Gateway would run them. */
  request(req: ApiRequest & { readonly authorization?: string | undefined }): Promise<ApiResponse>;
  /** Unfinished jobs found in the folder at start and taken up again. */
  readonly recovered: number;
  /** Resolves when the queue has nothing left to do. */
  idle(): Promise<void>;
  /** Stops the store only (connections cut), as an outage would. */
  stopStore(): Promise<void>;
  /** Starts the store again on the same port and folder. */
  startStore(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * @example const stack = await startLocalStack({ directory: '.urakata/s3' }); … await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  await mkdir(options.directory, { recursive: true, mode: 0o700 });
  // Every tenant's data is in these files: other users of the machine get no way in, there either.
  if (process.platform !== 'win32') await chmod(options.directory, 0o700);
  const credentials = await storeKey(options.directory);
  const s3 = new S3rver({ directory: options.directory, silent: true, configureBuckets: [{ name: LOCAL_BUCKET }] });
  await s3.configureBuckets();
  // A CORS rule an earlier version kept in the folder (AllowedOrigin *) goes: the gate answers CORS.
  await s3.store.deleteSubresource(LOCAL_BUCKET, undefined, 'cors');
  let onEvent: (e: unknown) => void = () => undefined;
  s3.on('event', (e) => onEvent(e));
  const unregister = registerKey(credentials);
  const gate = storeGate({
    credentials,
    origins: options.corsOrigins ?? [],
    store: s3.callback(),
  });

  let port = options.port ?? 0;
  let server: Server | undefined;
  const startServer = async () => {
    const s = limitedServer(createServer(LOCAL_SERVER_OPTIONS, gate));
    await new Promise<void>((ok, fail) => {
      s.once('error', fail);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', fail);
        ok();
      });
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const stopServer = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((ok) => s.close(() => ok()));
  };
  try {
    await startServer();
  } catch (e) {
    unregister();
    throw e;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const client = s3Client({
    endpoint,
    region: REGION,
    credentials,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  const raw = new LocalS3Store(client, LOCAL_BUCKET);
  const store = options.wrapStore ? options.wrapStore(raw) : raw;

  let deps: ApiDeps & WorkerDeps;
  const queue = new LocalQueue(
    (m) => handleWork(deps, m),
    (m, e) => handleDeadLetter(deps, m, e),
    options.queue,
  );
  deps = {
    store,
    queue,
    fonts: handlerFonts,
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
    ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
    ...(options.maxBatchInvoices ? { maxBatchInvoices: options.maxBatchInvoices } : {}),
    ...(options.renderPdf ? { renderPdf: options.renderPdf } : {}),
    jobs: runJobs(store, options.maxUploadBytes),
    // Leases taken by an earlier stack on this folder are a dead process's: recovery takes their chunks.
    instance: randomUUID(),
  };
  // Like the bucket notification in the CDK stack: only uploads under incoming/ start work.
  onEvent = (e) => {
    const messages = (messagesOf(e) ?? []).filter((m) => m.type === 'upload' && m.key.startsWith(INCOMING));
    if (messages.length > 0) void queue.send(messages);
  };
  // What a previous process on this folder left running (killed mid-batch) is taken up again.
  const recovered = await recoverUnfinishedWork(deps, Date.now());

  return {
    endpoint,
    get port() {
      return port;
    },
    credentials,
    store,
    deps,
    recovered,
    async request(req) {
      const auth = await authorize(store, req.authorization);
      if (!auth.ok) return auth.status === 401 ? UNAUTHORIZED : FORBIDDEN;
      return handleApi(deps, auth.tenant, req);
    },
    idle: () => queue.idle(),
    stopStore: stopServer,
    startStore: startServer,
    async stop() {
      queue.close();
      await stopServer();
      client.destroy();
      unregister();
    },
  };
}
