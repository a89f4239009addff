/**
 * The whole serverless stack in one process, for `urakata serve`, tests and benchmarks: s3rver
 * on 127.0.0.1 (its upload events play S3 notifications), the in-process queue (SQS + DLQ) and
 * the same handlers Lambda runs.
 */
import S3rver from 's3rver';
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

export const LOCAL_BUCKET = 'urakata-local';

/** Browsers (the task pane) PUT and GET through presigned URLs, as with the bucket's CORS rule in AWS. */
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export interface LocalStackOptions {
  /** s3rver's data folder. */
  readonly directory: string;
  /** 0 = any free port. */
  readonly port?: number;
  readonly chunkSize?: number;
  readonly maxUploadBytes?: number;
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
  readonly store: ObjectStore;
  readonly deps: ApiDeps & WorkerDeps;
  /** Authorizer + router, as API Gateway would run them. */
  request(req: ApiRequest & { readonly authorization?: string | undefined }): Promise<ApiResponse>;
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
  let port = options.port ?? 0;
  let server: S3rver | undefined;
  let onEvent: (e: unknown) => void = () => undefined;
  const startServer = async () => {
    const s = new S3rver({
      address: '127.0.0.1',
      port,
      directory: options.directory,
      silent: true,
      configureBuckets: [{ name: LOCAL_BUCKET, configs: [CORS] }],
    });
    s.on('event', (e) => onEvent(e));
    const address = await s.run();
    port = address.port;
    server = s;
  };
  const stopServer = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    s.httpServer?.closeAllConnections();
    await s.close();
  };
  await startServer();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = s3Client({ endpoint, region: 'us-east-1', ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) });
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
    ...(options.renderPdf ? { renderPdf: options.renderPdf } : {}),
    jobs: runJobs(store, options.maxUploadBytes),
  };
  // Like the bucket notification in the CDK stack: only uploads under incoming/ start work.
  onEvent = (e) => {
    const messages = (messagesOf(e) ?? []).filter((m) => m.type === 'upload' && m.key.startsWith(INCOMING));
    if (messages.length > 0) void queue.send(messages);
  };

  return {
    endpoint,
    get port() {
      return port;
    },
    store,
    deps,
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
    },
  };
}
