/**
 * `urakata serve [--port N] [--data DIR]` — the whole stack on this machine: the add-in files
 * (dist/addin), the HTTP API with the same handlers as Lambda, and an embedded S3-compatible
 * store (s3rver) whose upload events drive the same batch flow as S3 → SQS does in AWS.
 *
 * Office loads add-ins only over HTTPS from a trusted certificate. With `--cert`/`--key`, or when
 * `npx office-addin-dev-certs install` has put its localhost certificate in ~/.office-addin-dev-certs,
 * it serves HTTPS at https://localhost:PORT (the URLs in manifest.xml); otherwise plain HTTP on
 * 127.0.0.1, and the banner says how to get HTTPS. Either way it listens on 127.0.0.1 only.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { homedir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { handleApi } from '../functions/api.js';
import { authorize, createCredential } from '../functions/auth.js';
import type { ApiResponse } from '../functions/errors.js';
import { bodyTooLarge, FORBIDDEN, notFoundError, toResponse, UNAUTHORIZED } from '../functions/errors.js';
import { LOCAL_SERVER_OPTIONS, type LocalStack, limitedServer, startLocalStack } from '../functions/local/stack.js';
import { logger } from '../functions/log.js';
import { MAX_BODY_BYTES } from '../functions/schemas.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import { parseFlags, UsageError } from './io.js';

const USAGE = `使い方 / usage: urakata serve [--port N] [--data DIR] [--new-credential] [--cert FILE --key FILE]
  --port N          APIとアドインのポート（既定 3000、manifest.xml と同じ） / port (default 3000, as manifest.xml)
  --data DIR        データの保存先（既定 .urakata） / data folder (default .urakata)
  --new-credential  開発用テナントの認証情報をもう一つ発行 / issue another dev-tenant credential
  --cert, --key     HTTPS の証明書と秘密鍵（PEM）。省略時は ~/.office-addin-dev-certs/localhost.crt/.key があれば使用
                    HTTPS certificate and key (PEM); default: office-addin-dev-certs' localhost pair if present
`;

const DEV_TENANT = 'dev';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface ServeOptions {
  readonly port: number;
  readonly dataDir: string;
  /** Folder of the built add-in (served at /). */
  readonly addinDir: string;
  readonly newCredential?: boolean;
  /** Invoices per chunk (tests and the load benchmark use small chunks). */
  readonly chunkSize?: number;
  /** PEM certificate and key: serve HTTPS at https://localhost:PORT. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

export interface Serving {
  readonly url: string;
  readonly s3: string;
  /** A credential created by this start (shown once), if any. */
  readonly token: string | undefined;
  readonly stack: LocalStack;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

function send(res: ServerResponse, r: ApiResponse): void {
  res.writeHead(r.status, { ...r.headers, ...CORS });
  res.end(r.body);
}

/**
 * An answer given before the request's body was read (or all of it): the connection closes after
 * it, so the unread rest is never taken for the client's next request on a kept-alive connection.
 */
function refuse(res: ServerResponse, r: ApiResponse): void {
  send(res, { ...r, headers: { ...r.headers, connection: 'close' } });
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A file under `root` for a URL path, or undefined (no escaping the folder with `..`). */
async function staticFile(root: string, urlPath: string): Promise<string | undefined> {
  let path: string;
  try {
    path = normalize(join(root, decodeURIComponent(urlPath)));
  } catch {
    return undefined;
  }
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const s = await stat(path).catch(() => undefined);
  if (s?.isDirectory()) return staticFile(root, join(urlPath, 'index.html'));
  return s?.isFile() ? path : undefined;
}

/**
 * Starts the local stack and the HTTP server; `close()` stops both.
 * @example const s = await startServe({ port: 0, dataDir: '.urakata', addinDir: 'dist/addin' }); … await s.close();
 */
export async function startServe(options: ServeOptions): Promise<Serving> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const addinRoot = resolve(options.addinDir);
  // The server listens first: its URL is the one origin whose pages may use the store's presigned
  // URLs. A request that comes before the stack is up waits for it.
  let ready: (stack: LocalStack) => void = () => undefined;
  const started = new Promise<LocalStack>((ok) => {
    ready = ok;
  });
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/v1/')) {
        if (req.method === 'OPTIONS') return send(res, { status: 204, headers: {}, body: '' });
        const stack = await started;
        // The credential before the body, as API Gateway runs the authorizer before the API: an
        // anonymous caller gets its 401 (or 403) without a byte of what it sends being read.
        const auth = await authorize(stack.store, req.headers.authorization);
        if (!auth.ok) return refuse(res, auth.status === 401 ? UNAUTHORIZED : FORBIDDEN);
        const body = await readBody(req);
        if (body === undefined) return refuse(res, toResponse(bodyTooLarge()));
        return send(
          res,
          await handleApi(stack.deps, auth.tenant, {
            method: req.method ?? 'GET',
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            body: body === '' ? undefined : body,
            contentType: req.headers['content-type'],
          }),
        );
      }
      // The add-in's page is the taskpane: the root leads there, as the docs and the start-up banner say.
      if (url.pathname === '/' && req.method === 'GET')
        return send(res, { status: 302, headers: { location: '/taskpane.html' }, body: '' });
      const file = req.method === 'GET' ? await staticFile(addinRoot, url.pathname) : undefined;
      if (!file) return send(res, toResponse(notFoundError()));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    })().catch((e: unknown) => {
      // The API's own answer for any error (logged there with its cause), as Lambda gives it.
      if (!res.headersSent) send(res, toResponse(e));
      else {
        logger.error('serve: request failed after the answer began', { error: e as Error });
        res.destroy();
      }
    });
  };
  const server: Server = limitedServer(
    options.tls
      ? createTlsServer({ ...LOCAL_SERVER_OPTIONS, cert: options.tls.cert, key: options.tls.key }, handler)
      : createServer(LOCAL_SERVER_OPTIONS, handler),
  );
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', ok);
  });
  const port = (server.address() as AddressInfo).port;
  // A localhost certificate names "localhost", not the address.
  const url = options.tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
  const stopServer = async () => {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  };

  let stack: LocalStack;
  let token: string | undefined;
  try {
    stack = await startLocalStack({
      directory: join(dataDir, 's3'),
      corsOrigins: [url],
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
    });
  } catch (e) {
    await stopServer();
    throw e;
  }
  try {
    // The dev tenant's credential is created once and shown once; only its hash is kept (in the store).
    const marker = join(dataDir, 'dev-tenant.json');
    const hasMarker = await stat(marker).then(
      () => true,
      () => false,
    );
    if (!hasMarker || options.newCredential) {
      token = (await createCredential(stack.store, DEV_TENANT, 'urakata serve')).token;
      await writeFile(marker, `${JSON.stringify({ tenant: DEV_TENANT, created_at: new Date().toISOString() })}\n`);
    }
  } catch (e) {
    await stopServer();
    await stack.stop();
    throw e;
  }
  ready(stack);
  return {
    url,
    s3: stack.endpoint,
    token,
    stack,
    async close() {
      await stopServer();
      await stack.idle();
      await stack.stop();
    },
  };
}

function banner(s: Serving, addinPresent: boolean, dataDir: string): string {
  const lines = [
    `Urakata ローカル環境 / local stack`,
    `  API            ${s.url}/v1/  (例 / e.g. GET ${s.url}/v1/invoices)`,
    `  アドイン add-in ${addinPresent ? `${s.url}/taskpane.html` : '(dist/addin がありません: npm run build / not built: npm run build)'}`,
    `  S3互換ストア   ${s.s3}  (署名付きリクエストのみ / signed requests only; データ / data: ${join(dataDir, 's3')})`,
    '',
  ];
  if (s.token) {
    lines.push(
      '開発用テナント「dev」の認証情報（この一度だけ表示。保存してください）/ dev tenant credential (shown once — keep it):',
      `  ${s.token}`,
      `  curl -H "Authorization: Bearer ${s.token}" ${s.url}/v1/invoices`,
      '',
    );
  } else {
    lines.push(
      '認証情報は初回起動時に表示済みです。新しく発行: urakata serve --new-credential',
      'The dev credential was shown on first start; issue another with --new-credential.',
      '',
    );
  }
  lines.push(
    '次に / next:',
    '  1. Excel: manifest.xml をサイドロード（共有フォルダ/アップロード）/ sideload manifest.xml',
    '  2. 請求書バッチ / invoice batch: POST /v1/invoice-batches → PUT uploadUrl → GET /v1/invoice-batches/{id}',
    '',
  );
  if (!s.url.startsWith('https:')) {
    lines.push(
      'HTTPSについて / about HTTPS: Office のアドインは信頼された証明書の HTTPS が必要です。いまは HTTP で提供しています。',
      '  `npx office-addin-dev-certs install` で localhost 証明書を入れて再起動すると https://localhost:3000 で提供します',
      '  （または --cert FILE --key FILE）。',
      '  Office add-ins need HTTPS with a trusted certificate; this is plain HTTP. Run `npx office-addin-dev-certs install`',
      '  and start again to serve https://localhost:3000 (or pass --cert FILE --key FILE).',
      '',
    );
  }
  lines.push('終了 / stop: Ctrl-C');
  return `${lines.join('\n')}\n`;
}

/** The PEM pair given, or the one office-addin-dev-certs installs, or none (plain HTTP). */
async function certificate(cwd: string, cert: string | undefined, key: string | undefined): Promise<ServeOptions['tls']> {
  if (cert !== undefined && key !== undefined) {
    return { cert: await readFile(resolve(cwd, cert)), key: await readFile(resolve(cwd, key)) };
  }
  const dir = join(homedir(), '.office-addin-dev-certs');
  const pair = await Promise.all([readFile(join(dir, 'localhost.crt')), readFile(join(dir, 'localhost.key'))]).catch(() => undefined);
  return pair ? { cert: pair[0], key: pair[1] } : undefined;
}

/** Why the server did not start, in words: the usual causes are a port in use, a --data that is a file, a certificate that is not one. */
function startFailure(e: unknown, port: number, data: string): string {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code === 'EADDRINUSE')
    return `ポート${port}は使用中です。--port で別のポートを指定してください / port ${port} is in use; give another with --port`;
  if (code === 'EACCES' && (e as NodeJS.ErrnoException).syscall === 'listen')
    return `ポート${port}を開く権限がありません。1024以上のポートを --port で指定してください / no permission to open port ${port}; give one from 1024 with --port`;
  if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EACCES')
    return `--data ${data} をデータのフォルダにできません（${code}: 同じ名前のファイルがあるか、書き込めません） / --data ${data} cannot be the data folder (${code}: a file of that name, or not writable)`;
  if (code.startsWith('ERR_OSSL') || /PEM|certificate|key/i.test((e as Error).message))
    return `証明書か鍵として読めません（${(e as Error).message}）。--cert と --key にPEM形式のファイルを指定してください / not a certificate and key (${(e as Error).message}); give PEM files to --cert and --key`;
  return `サーバーを起動できません（${code || (e as Error).message}） / cannot start the server (${code || (e as Error).message})`;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let flags: { port: number; data: string; newCredential: boolean; help: boolean; cert?: string; key?: string };
  try {
    const f = parseFlags(argv, {
      port: { type: 'string' },
      data: { type: 'string' },
      'new-credential': { type: 'boolean' },
      cert: { type: 'string' },
      key: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if ((f.cert === undefined) !== (f.key === undefined))
      throw new UsageError('--cert と --key は両方指定します / give both --cert and --key');
    const port = Number(f.port ?? '3000');
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port は0〜65535の整数です / --port must be 0–65535: ${f.port}`);
    flags = {
      port,
      data: f.data ?? '.urakata',
      newCredential: f['new-credential'] ?? false,
      help: f.help ?? false,
      ...(f.cert !== undefined && f.key !== undefined ? { cert: f.cert, key: f.key } : {}),
    };
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (flags.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  logger.setLogLevel('WARN');
  // The SDK's notice that its 2027 releases need Node 22 is for whoever upgrades it, not for someone
  // starting the local stack on a supported Node (the lockfile pins the SDK; Lambda runs Node 22).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // A long-running dev server logs a stray rejection instead of dying with every batch in flight.
  const stray = (e: unknown) => logger.error('serve: unhandled rejection', { error: e as Error });
  process.on('unhandledRejection', stray);
  const dataDir = resolve(io.cwd, flags.data);
  const addinDir = resolve(io.cwd, 'dist/addin');
  let tls: ServeOptions['tls'];
  try {
    tls = await certificate(io.cwd, flags.cert, flags.key);
  } catch (e) {
    io.err(`証明書を読めません / cannot read the certificate: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  let serving: Serving;
  try {
    serving = await startServe({ port: flags.port, dataDir, addinDir, newCredential: flags.newCredential, ...(tls ? { tls } : {}) });
  } catch (e) {
    process.off('unhandledRejection', stray);
    io.err(`${startFailure(e, flags.port, flags.data)}\n`);
    return EXIT_INPUT;
  }
  const addinPresent = await readFile(join(addinDir, 'taskpane.html')).then(
    () => true,
    () => false,
  );
  io.out(banner(serving, addinPresent, dataDir));
  await new Promise<void>((ok) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      ok();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.out('停止中… / stopping…\n');
  await serving.close();
  process.off('unhandledRejection', stray);
  io.out('停止しました / stopped\n');
  return EXIT_OK;
}
