/**
 * `urakata serve` checks the credential before it reads a request's body, as API Gateway runs the
 * authorizer before the API: an anonymous caller is answered 401 without its body being read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Serving, startServe } from '../../cli/serve.js';
import { logger } from '../../functions/log.js';

logger.setLogLevel('SILENT');

let dir: string;
let serving: Serving;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-serve-'));
  serving = await startServe({ port: 0, dataDir: join(dir, 'data'), addinDir: join(dir, 'addin') });
});
afterAll(async () => {
  await serving.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };
const oversized = JSON.stringify({ files: { bank: 10, open_items: 10 }, pad: 'x'.repeat(2 * 1024 * 1024) });
const post = (headers: Record<string, string>, body: string) =>
  fetch(`${serving.url}/v1/reconcile-jobs`, { method: 'POST', headers: { ...json, ...headers }, body });

describe('urakata serve: the credential before the body', () => {
  it('answers an anonymous oversized POST 401, an unknown credential 403, and only a known one 413', async () => {
    const anonymous = await post({}, oversized);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'unauthorized', message_ja: '認証が必要です', message_en: 'unauthorized' });
    expect((await post({ authorization: `Bearer urk_${'A'.repeat(43)}` }, oversized)).status).toBe(403);
    const known = await post({ authorization: `Bearer ${serving.token}` }, oversized);
    expect(known.status).toBe(413);
    expect(await known.json()).toMatchObject({ error: 'too_large' });
  });

  it('answers an anonymous caller before it has sent its body', async () => {
    // Announces 2 MB, sends 1 KB and waits: the answer comes without the rest.
    const status = await new Promise<number>((ok, fail) => {
      const req = request(`${serving.url}/v1/reconcile-jobs`, {
        method: 'POST',
        headers: { ...json, 'content-length': String(2 * 1024 * 1024) },
      });
      const timer = setTimeout(() => fail(new Error('no answer while the body was still coming')), 5_000);
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        ok(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', () => undefined);
      req.write('x'.repeat(1024));
    });
    expect(status).toBe(401);
  });

  it('goes on serving after those early answers: the unread rest of a refused body is not taken for the next request', async () => {
    const r = await post({ authorization: `Bearer ${serving.token}` }, JSON.stringify({ files: { bank: 10, open_items: 10 } }));
    expect(r.status).toBe(201);
  });
});
