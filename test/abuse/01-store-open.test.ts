/**
 * The local stack's S3-compatible store answers only requests signed (AWS SigV4) with the stack's
 * own key, kept in its data folder: nothing else on the machine, and no web page, can read or
 * write it. Everything here runs against the real stack on 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../functions/local/sigv4.js';
import { LOCAL_BUCKET, STORE_KEY_FILE, startLocalStack } from '../../functions/local/stack.js';
import { s3Client, sha256Hex } from '../../functions/store.js';
import { type TestStack, download, invoiceCsv, testStack } from '../functions/stack.js';

const ORIGIN = 'http://127.0.0.1:3999';
const run = promisify(execFile);

let t: TestStack;
let pdfKey: string;
let credentialKey: string;
beforeAll(async () => {
  t = await testStack({ corsOrigins: [ORIGIN] });
  await t.runBatch(invoiceCsv(1, 'P'));
  const keys: string[] = [];
  for await (const k of t.stack.store.list('')) keys.push(k);
  pdfKey = keys.find((k) => k.endsWith('/P-1.pdf')) ?? '';
  credentialKey = keys.find((k) => k.startsWith('system/credentials/')) ?? '';
});
afterAll(() => t.close());

const object = (key: string) => `${t.stack.endpoint}/${LOCAL_BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`;

/** A raw request (node:http sends Origin and any header as given), answered in full. */
function raw(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** A client signing with the stack's key id but another secret. */
const forger = (secretAccessKey: string, accessKeyId = t.stack.credentials.accessKeyId) =>
  s3Client({ endpoint: t.stack.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId, secretAccessKey } });

const statusOf = async (p: Promise<unknown>): Promise<number | undefined> =>
  p.then(
    () => 200,
    (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode,
  );

describe('issue 19 finding 1: the local stack’s store is open to anyone on the machine — the local store refuses unsigned requests', () => {
  it('refuses GET, HEAD, PUT, DELETE and every listing without a signature: 403', async () => {
    expect(pdfKey).toMatch(/^tenants\/tenant-a\/invoices\/.+\/P-1\.pdf$/);
    expect(credentialKey).toMatch(/^system\/credentials\/[0-9a-f]{64}\.json$/);
    const base = `${t.stack.endpoint}/${LOCAL_BUCKET}`;
    const answers = await Promise.all([
      raw('GET', object(credentialKey)),
      raw('GET', object(pdfKey)),
      raw('HEAD', object(pdfKey)),
      raw('GET', `${base}?prefix=system/credentials/`),
      raw('GET', `${base}?list-type=2&prefix=tenants/`),
      raw('GET', `${t.stack.endpoint}/`),
      raw('PUT', object('tenants/tenant-a/planted.txt'), { 'content-type': 'text/plain' }, 'planted'),
      raw('DELETE', object(pdfKey)),
      raw('POST', `${base}?delete`, { 'content-type': 'application/xml' }, '<Delete><Object><Key>x</Key></Object></Delete>'),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(403);
      expect(a.body).not.toContain('system/credentials');
      expect(a.body).not.toContain('%PDF');
    }
    expect(await t.stack.store.head('tenants/tenant-a/planted.txt')).toBeUndefined();
    expect(await t.stack.store.head(pdfKey)).toBeDefined();
  });

  it('refuses an Authorization header that only looks like a signature, and the old fixed key pair', async () => {
    const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const headers = {
      'x-amz-date': date,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      authorization: `AWS4-HMAC-SHA256 Credential=${t.stack.credentials.accessKeyId}/${date.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
    };
    expect((await raw('GET', object(credentialKey), headers)).status).toBe(403);
    // Signature V2 with s3rver's built-in pair, which s3rver itself would check and accept.
    expect((await raw('GET', object(credentialKey), { authorization: 'AWS S3RVER:abc', date: new Date().toUTCString() })).status).toBe(403);
    const dummy = forger('S3RVER', 'S3RVER');
    try {
      expect(await statusOf(dummy.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: credentialKey })))).toBe(403);
    } finally {
      dummy.destroy();
    }
  });
});

describe('issue 19 finding 1: the local stack’s store is open to anyone on the machine — requests signed with the store’s key', () => {
  it('hold for the request signed only: another key, method or signed header value is refused', async () => {
    const signer = new SignatureV4({
      service: 's3',
      region: 'us-east-1',
      credentials: t.stack.credentials,
      sha256: NodeSha256,
      uriEscapePath: false,
    });
    const host = new URL(t.stack.endpoint).host;
    const path = `/${LOCAL_BUCKET}/${pdfKey}`;
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path,
      query: {},
      headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-meta-note': 'a' },
    });
    const headers = signed.headers as Record<string, string>;
    expect((await raw('GET', object(pdfKey), headers)).status).toBe(200);
    expect((await raw('GET', object(credentialKey), headers)).status).toBe(403);
    expect((await raw('HEAD', object(pdfKey), headers)).status).toBe(403);
    expect((await raw('GET', object(pdfKey), { ...headers, 'x-amz-meta-note': 'b' })).status).toBe(403);
    expect((await raw('GET', `${object(pdfKey)}?response-content-type=text/html`, headers)).status).toBe(403);
    const { 'x-amz-meta-note': _, ...missing } = headers;
    expect((await raw('GET', object(pdfKey), missing)).status).toBe(403);
  });
});

describe('issue 19 finding 1: the local stack’s store is open to anyone on the machine — requests signed with another secret', () => {
  it('cannot read, list or overwrite anything: 403', async () => {
    const client = forger('not-the-secret-of-this-stack-0123456789');
    try {
      const pdf = (await t.stack.store.get(pdfKey)) ?? new Uint8Array();
      expect(await statusOf(client.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: pdfKey })))).toBe(403);
      expect(await statusOf(client.send(new ListObjectsCommand({ Bucket: LOCAL_BUCKET, Prefix: 'system/' })))).toBe(403);
      expect(await statusOf(client.send(new PutObjectCommand({ Bucket: LOCAL_BUCKET, Key: pdfKey, Body: '%PDF-forged' })))).toBe(403);
      expect(await t.stack.store.get(pdfKey)).toEqual(pdf);
    } finally {
      client.destroy();
    }
  });

  it('cannot plant a credential: the API refuses the forged token as any unknown one', async () => {
    const token = `urk_${'F'.repeat(43)}`;
    const hash = sha256Hex(token);
    const record = JSON.stringify({ tenant: 'tenant-b', hash, label: 'forged', created_at: new Date().toISOString() });
    const key = `system/credentials/${hash}.json`;
    expect((await raw('PUT', object(key), { 'content-type': 'application/json' }, record)).status).toBe(403);
    const client = forger('guessed-secret-guessed-secret-guessed-00');
    try {
      expect(await statusOf(client.send(new PutObjectCommand({ Bucket: LOCAL_BUCKET, Key: key, Body: record })))).toBe(403);
    } finally {
      client.destroy();
    }
    expect(await t.stack.store.head(key)).toBeUndefined();
    expect((await t.call('GET', '/v1/invoices', undefined, token)).status).toBe(403);
  });
});

describe('issue 19 finding 1: the local stack’s store is open to anyone on the machine — presigned URLs', () => {
  it('work as issued by the API, for the key, method and time they were issued for only', async () => {
    const url = (await t.call('GET', '/v1/invoices')).body.invoices[0].url as string;
    expect(new TextDecoder().decode((await download(url)).subarray(0, 5))).toBe('%PDF-');
    const other = url.replace(/\/P-1\.pdf\?/, '/P-2.pdf?');
    expect(other).not.toBe(url);
    const toCredential = url.replace(/\/urakata-local\/[^?]+\?/, `/urakata-local/${credentialKey}?`);
    const longer = url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604800');
    const signature = /X-Amz-Signature=([0-9a-f]{64})/.exec(url)?.[1] ?? '';
    const flipped = url.replace(signature, `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    const unsigned = url.replace(/&X-Amz-Signature=[0-9a-f]{64}/, '');
    for (const bad of [other, toCredential, longer, flipped, unsigned]) expect((await raw('GET', bad)).status).toBe(403);
    // A download URL does not upload.
    expect((await raw('PUT', url, {}, '%PDF-forged')).status).toBe(403);
  });

  it('refuse an expired URL, and a header signature outside the 15-minute window, even with the right key', async () => {
    const client = s3Client({ endpoint: t.stack.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: t.stack.credentials });
    const skewed = s3Client({ endpoint: t.stack.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: t.stack.credentials });
    skewed.config.systemClockOffset = -20 * 60_000;
    try {
      const get = new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: pdfKey });
      const expired = await getSignedUrl(client, get, { expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
      const valid = await getSignedUrl(client, get, { expiresIn: 60 });
      expect((await raw('GET', expired)).status).toBe(403);
      expect((await raw('GET', valid)).status).toBe(200);
      expect(await statusOf(skewed.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: pdfKey })))).toBe(403);
      expect(await statusOf(client.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: pdfKey })))).toBe(200);
    } finally {
      client.destroy();
      skewed.destroy();
    }
  });

  it('take an upload of exactly the signed size only', async () => {
    const url = await t.stack.store.uploadUrl('scratch/sized.txt', 10, 60);
    expect((await raw('PUT', url, {}, '12345678901')).status).toBe(403);
    expect((await raw('PUT', url, {}, '123456789')).status).toBe(403);
    expect(await t.stack.store.head('scratch/sized.txt')).toBeUndefined();
    expect((await raw('PUT', url, {}, '1234567890')).status).toBe(200);
    expect(await t.stack.store.head('scratch/sized.txt')).toMatchObject({ size: 10 });
  });

  it('refuse an x-amz-* header the URL did not sign: an upload URL copies nothing into its key', async () => {
    const url = await t.stack.store.uploadUrl('scratch/copied.json', 0, 60);
    const copy = await raw('PUT', url, { 'content-length': '0', 'x-amz-copy-source': `/${LOCAL_BUCKET}/${credentialKey}` });
    expect(await t.stack.store.get('scratch/copied.json')).toBeUndefined();
    expect(copy.status).toBe(403);
    expect((await raw('PUT', url, { 'content-length': '0', 'x-amz-meta-owner': 'someone' })).status).toBe(403);
    expect((await raw('PUT', url, { 'content-length': '0' })).status).toBe(200);
  });
});

describe('issue 19 finding 1: the local stack’s store is open to anyone on the machine — CORS', () => {
  const preflight = (origin: string, method = 'PUT') =>
    raw('OPTIONS', object('incoming/tenant-a/invoice-batches/x/lines.csv'), {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'content-type',
    });

  it('answers a preflight from the origin the add-in is served from, and no other', async () => {
    const own = await preflight(ORIGIN);
    expect(own.status).toBeLessThan(300);
    expect(own.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(own.headers['access-control-allow-methods'])).toContain('PUT');
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:4000', `${ORIGIN}.evil.example`]) {
      const other = await preflight(origin);
      expect(other.status).toBe(403);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect((await preflight(ORIGIN, 'DELETE')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('names only that origin on a signed answer, never *', async () => {
    const url = await t.stack.store.downloadUrl(pdfKey, 60);
    const own = await raw('GET', url, { origin: ORIGIN });
    expect(own.status).toBe(200);
    expect(own.headers['access-control-allow-origin']).toBe(ORIGIN);
    const other = await raw('GET', url, { origin: 'http://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('issue 19 finding 1: the local stack’s store is open to anyone on the machine — the store key', () => {
  it('is random per data folder, kept there readable by its owner only, and the same after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'urakata-key-'));
    try {
      const file = join(t.dir, STORE_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toContain(t.stack.credentials.secretAccessKey);
      expect(t.stack.credentials.secretAccessKey).not.toBe('S3RVER');
      expect(t.stack.credentials.secretAccessKey.length).toBeGreaterThanOrEqual(40);

      const first = await startLocalStack({ directory: dir });
      const { secretAccessKey } = first.credentials;
      const port = first.port;
      await first.store.put('k.txt', 'kept');
      const link = await first.store.downloadUrl('k.txt', 300);
      await first.stop();
      expect(secretAccessKey).not.toBe(t.stack.credentials.secretAccessKey);

      const again = await startLocalStack({ directory: dir, port });
      try {
        expect(again.credentials.secretAccessKey).toBe(secretAccessKey);
        // A link issued before the restart still works.
        expect(new TextDecoder().decode(await download(link))).toBe('kept');
      } finally {
        await again.stop();
      }

      // A key others could read is replaced, not used.
      chmodSync(join(dir, STORE_KEY_FILE), 0o644);
      const third = await startLocalStack({ directory: dir });
      try {
        expect(third.credentials.secretAccessKey).not.toBe(secretAccessKey);
        expect(statSync(join(dir, STORE_KEY_FILE)).mode & 0o777).toBe(0o600);
        expect(new TextDecoder().decode((await third.store.get('k.txt')) ?? new Uint8Array())).toBe('kept');
      } finally {
        await third.stop();
      }

      // A damaged key file is replaced too.
      writeFileSync(join(dir, STORE_KEY_FILE), 'not json', { mode: 0o600 });
      const fourth = await startLocalStack({ directory: dir });
      await fourth.stop();
      expect(JSON.parse(readFileSync(join(dir, STORE_KEY_FILE), 'utf8'))).toEqual(fourth.credentials);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('signs create-credential.ts with the kept key when --store names the folder, and refuses a folder without one', async () => {
    const tool = ['node_modules/.bin/tsx', 'functions/tools/create-credential.ts'];
    const args = ['--endpoint', t.stack.endpoint, '--bucket', LOCAL_BUCKET, '--tenant', 'acme'];
    const { stdout } = await run(tool[0] ?? '', [tool[1] ?? '', ...args, '--store', t.dir]);
    const token = stdout.trim().split('\n').at(-1) ?? '';
    // The new credential passes the authorizer (not found, not forbidden); a made-up one does not.
    expect((await t.call('GET', '/v1/invoice-batches/none', undefined, token)).status).toBe(404);
    expect((await t.call('GET', '/v1/invoice-batches/none', undefined, `${token}x`)).status).toBe(403);
    // Without the key the store refuses the write, and the tool says so.
    await expect(run(tool[0] ?? '', [tool[1] ?? '', ...args])).rejects.toThrow();
    const empty = mkdtempSync(join(tmpdir(), 'urakata-nokey-'));
    try {
      await expect(run(tool[0] ?? '', [tool[1] ?? '', ...args, '--store', empty])).rejects.toThrow(/ストアの鍵.*no usable store key/s);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('keeps the store folder closed to other users', () => {
    expect(statSync(t.dir).mode & 0o077).toBe(0);
  });
});
