import { spawn } from 'node:child_process';
import { get } from 'node:https';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type Serving, startServe } from '../../cli/serve.js';
import { LOCAL_BUCKET, LOCAL_MAX_CONNECTIONS, STORE_KEY_FILE } from '../../functions/local/stack.js';
import { logger } from '../../functions/log.js';
import { launchChromium } from '../chromium.js';
import { ISSUER, invoiceCsv } from '../functions/stack.js';

logger.setLogLevel('SILENT');

let dir: string;
let serving: Serving;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-serve-'));
  mkdirSync(join(dir, 'addin'));
  writeFileSync(join(dir, 'addin/taskpane.html'), '<!doctype html><title>Urakata</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the add-in folder');
  serving = await startServe({ port: 0, dataDir: join(dir, 'data'), addinDir: join(dir, 'addin') });
});
afterAll(async () => {
  await serving.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${serving.token}` });

describe('urakata serve', () => {
  it('creates a dev credential on first start, and only its hash is on disk', async () => {
    expect(serving.token).toMatch(/^urk_/);
    const files = readdirSync(join(dir, 'data'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    const contents = files.map((f) => readFileSync(join(f.parentPath, f.name)).toString('latin1'));
    expect(contents.some((c) => c.includes(serving.token ?? ''))).toBe(false);
    const hash = createHash('sha256')
      .update(serving.token ?? '')
      .digest('hex');
    expect(files.some((f) => f.name.startsWith(hash))).toBe(true);
  });

  it('answers the API with the same authorizer: 401 without a credential, 200 with it', async () => {
    expect((await fetch(`${serving.url}/v1/invoices`)).status).toBe(401);
    const r = await fetch(`${serving.url}/v1/invoices`, { headers: auth() });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ invoices: [], truncated: false });
  });

  it('holds a bounded number of connections on each port: idle ones past the limit are closed, and it serves again once they go', async () => {
    // Any local process may connect: 25,000 connections that never sent their headers had the
    // process out of file descriptors (EMFILE in the store, queued work failing).
    for (const url of [serving.url, serving.s3]) {
      const { port } = new URL(url);
      const sockets = await Promise.all(
        Array.from(
          { length: LOCAL_MAX_CONNECTIONS + 40 },
          () =>
            new Promise<Socket>((ok) => {
              const s = connect(Number(port), '127.0.0.1', () => ok(s));
              s.on('error', () => undefined);
            }),
        ),
      );
      await new Promise((ok) => setTimeout(ok, 300));
      const closed = sockets.filter((s) => s.destroyed || s.readableEnded).length;
      expect(closed).toBeGreaterThanOrEqual(40);
      expect(closed).toBeLessThanOrEqual(60);
      for (const s of sockets) s.destroy();
    }
    await new Promise((ok) => setTimeout(ok, 100));
    expect((await fetch(`${serving.url}/v1/invoices`, { headers: auth() })).status).toBe(200);
  });

  it('runs an invoice batch over HTTP, driven by the embedded store’s upload event', async () => {
    const csv = invoiceCsv(3);
    const created = await fetch(`${serving.url}/v1/invoice-batches`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ size: Buffer.byteLength(csv), issuer: ISSUER }),
    });
    expect(created.status).toBe(201);
    const { batchId, uploadUrl } = (await created.json()) as { batchId: string; uploadUrl: string };
    expect(uploadUrl.startsWith(serving.s3)).toBe(true);
    expect((await fetch(uploadUrl, { method: 'PUT', body: csv })).ok).toBe(true);
    let status: { state: string; counts?: { issued: number } } = { state: '' };
    for (let i = 0; i < 500 && status.state !== 'done'; i++) {
      await new Promise((ok) => setTimeout(ok, 20));
      status = (await (await fetch(`${serving.url}/v1/invoice-batches/${batchId}`, { headers: auth() })).json()) as typeof status;
    }
    expect(status).toMatchObject({ state: 'done', counts: { issued: 3 } });
  });

  it('serves the add-in files and nothing outside their folder', async () => {
    const root = await fetch(`${serving.url}/`);
    expect(root.url).toBe(`${serving.url}/taskpane.html`);
    expect(await root.text()).toContain('<title>Urakata</title>');
    const page = await fetch(`${serving.url}/taskpane.html`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Urakata</title>');
    expect((await fetch(`${serving.url}/..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${serving.url}/%2e%2e/secret.txt`)).status).toBe(404);
  });

  it('keeps the credential across restarts and shows none the second time', async () => {
    const again = await startServe({ port: 0, dataDir: join(dir, 'data2'), addinDir: join(dir, 'addin') });
    const token = again.token;
    await again.close();
    const third = await startServe({ port: 0, dataDir: join(dir, 'data2'), addinDir: join(dir, 'addin') });
    try {
      expect(third.token).toBeUndefined();
      expect((await fetch(`${third.url}/v1/invoices`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await third.close();
    }
  });
});

describe('urakata serve’s store', () => {
  it('answers only requests signed with the key kept in the data folder, readable by its owner only', async () => {
    const store = join(dir, 'data/s3');
    expect(statSync(store).mode & 0o077).toBe(0);
    expect(statSync(join(store, STORE_KEY_FILE)).mode & 0o777).toBe(0o600);
    const key = JSON.parse(readFileSync(join(store, STORE_KEY_FILE), 'utf8')) as { secretAccessKey: string };
    expect(key.secretAccessKey).toBe(serving.stack.credentials.secretAccessKey);
    for (const path of ['/', `/${LOCAL_BUCKET}`, `/${LOCAL_BUCKET}?prefix=system/credentials/`, `/${LOCAL_BUCKET}/dev-tenant.json`]) {
      expect((await fetch(`${serving.s3}${path}`)).status).toBe(403);
    }
    expect((await fetch(`${serving.s3}/${LOCAL_BUCKET}/system/credentials/x.json`, { method: 'PUT', body: '{}' })).status).toBe(403);
  });

  it('lets the add-in’s page upload through a presigned URL (CORS preflight), and no other page', async () => {
    // Another page on this machine, on another port: the same request from there must fail.
    const other = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title>'),
    );
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
    const browser = await launchChromium();
    try {
      const csv = invoiceCsv(2, 'B');
      const create = async () => {
        const r = await fetch(`${serving.url}/v1/invoice-batches`, {
          method: 'POST',
          headers: { ...auth(), 'content-type': 'application/json' },
          body: JSON.stringify({ size: Buffer.byteLength(csv), issuer: ISSUER }),
        });
        return (await r.json()) as { batchId: string; uploadUrl: string };
      };
      // As the task pane uploads (addin/taskpane/invoice-api.ts): PUT with a Content-Type, which needs a preflight.
      const upload = (args: { url: string; csv: string }) =>
        fetch(args.url, { method: 'PUT', headers: { 'Content-Type': 'text/csv; charset=utf-8' }, body: args.csv }).then(
          (r) => r.status,
          (e: Error) => `refused: ${e.message}`,
        );

      const stranger = await browser.newPage();
      await stranger.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const theirs = await create();
      expect(await stranger.evaluate(upload, { url: theirs.uploadUrl, csv })).toMatch(/^refused/);

      const page = await browser.newPage();
      await page.goto(`${serving.url}/taskpane.html`);
      const ours = await create();
      expect(await page.evaluate(upload, { url: ours.uploadUrl, csv })).toBe(200);
      let state = '';
      for (let i = 0; i < 500 && state !== 'done'; i++) {
        await new Promise((ok) => setTimeout(ok, 20));
        state = (
          (await (await fetch(`${serving.url}/v1/invoice-batches/${ours.batchId}`, { headers: auth() })).json()) as { state: string }
        ).state;
      }
      expect(state).toBe('done');
      const theirState = (await (await fetch(`${serving.url}/v1/invoice-batches/${theirs.batchId}`, { headers: auth() })).json()) as {
        state: string;
      };
      expect(theirState.state).toBe('awaiting_upload');
    } finally {
      await browser.close();
      await new Promise((ok) => other.close(ok));
    }
  });
});

const tlsDir = join(import.meta.dirname, '../fixtures/tls');
const tls = { cert: readFileSync(join(tlsDir, 'localhost.crt')), key: readFileSync(join(tlsDir, 'localhost.key')) };

/** GET over HTTPS trusting only the test certificate (as Excel trusts the installed dev certificate). */
const httpsGet = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string }>((ok, fail) => {
    get(url, { ca: tls.cert, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    }).on('error', fail);
  });

describe('urakata serve over HTTPS', () => {
  it('serves the add-in and the API at https://localhost with the given certificate', async () => {
    const secure = await startServe({ port: 0, dataDir: join(dir, 'data-tls'), addinDir: join(dir, 'addin'), tls });
    try {
      expect(secure.url).toMatch(/^https:\/\/localhost:\d+$/);
      expect((await httpsGet(`${secure.url}/taskpane.html`)).body).toContain('<title>Urakata</title>');
      expect(await httpsGet(`${secure.url}/v1/invoices`, { authorization: `Bearer ${secure.token}` })).toEqual({
        status: 200,
        body: JSON.stringify({ invoices: [], truncated: false }),
      });
      // A client that does not trust the certificate is refused by TLS itself.
      await expect(fetch(`${secure.url}/taskpane.html`)).rejects.toThrow();
    } finally {
      await secure.close();
    }
  });
});

describe('urakata serve as a process', () => {
  it('prints the URLs and the next step, and stops cleanly on Ctrl-C', async () => {
    const data = join(dir, 'proc');
    const bin = join(import.meta.dirname, '../../bin/urakata.js');
    // HOME without ~/.office-addin-dev-certs: plain HTTP, and the banner says how to get HTTPS.
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', data], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOME: dir },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    for (let i = 0; i < 300 && !out.includes('Ctrl-C'); i++) await new Promise((ok) => setTimeout(ok, 50));
    expect(out).toMatch(/API\s+http:\/\/127\.0\.0\.1:\d+\/v1\//);
    expect(out).toContain('manifest.xml');
    expect(out).toContain('office-addin-dev-certs install');
    expect(out).toMatch(/urk_[A-Za-z0-9_-]{43}/);
    const code = await new Promise<number | null>((ok) => {
      child.on('exit', (c) => ok(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(out).toContain('stopped');
    expect(readFileSync(join(data, 'dev-tenant.json'), 'utf8')).not.toContain('urk_');
  });

  it('serves HTTPS with the certificate office-addin-dev-certs installed, and refuses --cert without --key', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.office-addin-dev-certs'), { recursive: true });
    writeFileSync(join(home, '.office-addin-dev-certs/localhost.crt'), tls.cert);
    writeFileSync(join(home, '.office-addin-dev-certs/localhost.key'), tls.key);
    const bin = join(import.meta.dirname, '../../bin/urakata.js');
    const env = { ...process.env, HOME: home };
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', join(dir, 'proc-tls')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    for (let i = 0; i < 300 && !out.includes('Ctrl-C'); i++) await new Promise((ok) => setTimeout(ok, 50));
    expect(out).toMatch(/API\s+https:\/\/localhost:\d+\/v1\//);
    expect(out).not.toContain('office-addin-dev-certs install');
    await new Promise<number | null>((ok) => {
      child.on('exit', (c) => ok(c));
      child.kill('SIGINT');
    });
    const half = spawn(process.execPath, [bin, 'serve', '--cert', join(tlsDir, 'localhost.crt')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let err = '';
    half.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    expect(await new Promise<number | null>((ok) => half.on('exit', (c) => ok(c)))).toBe(2);
    expect(err).toContain('--key');
  });
});

describe('urakata serve that cannot start', () => {
  const start = async (...args: string[]) => {
    let err = '';
    const code = await run(args, { out: () => undefined, err: (t) => (err += t), cwd: dir });
    return { code, err };
  };

  it('says so, without a stack trace, when the port is in use, --data is a file, or the certificate is not one', async () => {
    const busy = createServer();
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', ok));
    const port = (busy.address() as AddressInfo).port;
    try {
      const inUse = await start('--port', String(port), '--data', join(dir, 'd1'));
      expect(inUse.code).toBe(1);
      expect(inUse.err).toContain(`ポート${port}は使用中です`);
      expect(inUse.err).toContain('--port');
    } finally {
      await new Promise((ok) => busy.close(ok));
    }
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const dataIsFile = await start('--port', '0', '--data', 'a-file');
    expect(dataIsFile.code).toBe(1);
    expect(dataIsFile.err).toContain('--data');
    writeFileSync(join(dir, 'bad.pem'), 'not a certificate');
    const badCert = await start('--port', '0', '--data', join(dir, 'd2'), '--cert', 'bad.pem', '--key', 'bad.pem');
    expect(badCert.code).toBe(1);
    expect(badCert.err).toContain('証明書');
    for (const r of [dataIsFile.err, badCert.err]) expect(r).not.toMatch(/\n\s+at /);
  });
});
