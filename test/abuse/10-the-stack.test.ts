/**
 * Issue 19, finding 10 — the stack: cdk synth said aws://unknown-account/us-east-1 (the
 * ap-northeast-1 default never applied, so payroll data would be stored wherever the deployer's
 * shell pointed), and the API read a 1 MB body before checking the credential (anonymous callers
 * got 413 before 401); one stage-wide throttle and no per-tenant limit; Content-Type never
 * checked; pay_date 2026-02-30 accepted. The stack's grants, retained log groups and throttle
 * settings are asserted with the rest of the synthesized stack (test/cdk/stack.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REGION, stackFromContext } from '../../cdk/context.js';
import { type Serving, startServe } from '../../cli/serve.js';
import { TENANT_RATE_LIMIT, TenantThrottle } from '../../functions/api.js';
import { handler as apiHandler } from '../../functions/lambda/api.js';
import { useLambdaDeps } from '../../functions/lambda/env.js';
import { logger } from '../../functions/log.js';
import { type TestStack, testStack } from '../functions/stack.js';

logger.setLogLevel('SILENT');

const root = resolve(import.meta.dirname, '../..');

/**
 * Runs cdk.json's app command as the CDK CLI does: the CLI sets CDK_DEFAULT_REGION from the
 * deployer's profile and hands the context over in CDK_CONTEXT_JSON. Bundling off (no esbuild).
 */
function synthEntry(env: Record<string, string>, context: Record<string, unknown> = {}) {
  const out = mkdtempSync(join(tmpdir(), 'urakata-cdk-'));
  try {
    const app = (JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { app: string }).app;
    execFileSync('sh', ['-c', app], {
      cwd: root,
      env: {
        ...process.env,
        ...env,
        CDK_OUTDIR: out,
        CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...context }),
      },
      stdio: 'pipe',
    });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; environment?: string }>;
    };
    return Object.entries(manifest.artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([id, a]) => ({ id, environment: a.environment }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('issue 19 finding 10: the stack — the region (the CDK app entry)', () => {
  it('puts the stack in ap-northeast-1 even when the deployer’s shell points at us-east-1', () => {
    expect(synthEntry({ CDK_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1' })).toEqual([
      { id: 'Urakata-dev', environment: 'aws://unknown-account/ap-northeast-1' },
    ]);
  }, 120_000);

  const props = (context: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) =>
    stackFromContext(new App({ context }), { CDK_DEFAULT_REGION: 'us-east-1', ...env });

  it('takes another region only from -c region=…, and the account from the deployer’s credentials', () => {
    expect(DEFAULT_REGION).toBe('ap-northeast-1');
    expect(props({}).props.env).toEqual({ account: undefined, region: 'ap-northeast-1' });
    expect(props({ region: 'eu-central-1' }, { CDK_DEFAULT_ACCOUNT: '123456789012' }).props.env).toEqual({
      account: '123456789012',
      region: 'eu-central-1',
    });
  });

  it('refuses a region that is not one, and a stage other than dev or prod', () => {
    expect(() => props({ region: 'tokyo' })).toThrow(/region must be an AWS region/);
    expect(() => props({ region: '' })).toThrow(/region must be an AWS region/);
    expect(() => props({ stage: 'staging' })).toThrow(/stage must be dev or prod/);
  });

  it('reads stage, Object Lock days and the alarm address as before', () => {
    expect(props({ stage: 'prod', objectLockDays: '4015', alarmEmail: 'ops@example.jp' })).toEqual({
      id: 'Urakata-prod',
      props: {
        stage: 'prod',
        objectLockRetentionDays: 4015,
        alarmEmail: 'ops@example.jp',
        env: { account: undefined, region: 'ap-northeast-1' },
      },
    });
  });
});

describe('issue 19 finding 10: the stack — urakata serve checks the credential before the body', () => {
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

describe('issue 19 finding 10: the stack — what the API refuses before any work (a tenant over its rate, a body not said to be JSON, a body too large, dates not on the calendar)', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await testStack();
    useLambdaDeps(t.stack.deps);
  });
  afterAll(async () => {
    useLambdaDeps(undefined);
    await t.close();
  });

  /** A request as a client sends it, every header explicit. */
  const raw = async (method: string, path: string, body: string | undefined, contentType: string | undefined) => {
    const r = await t.stack.request({ method, path, query: {}, body, contentType, authorization: `Bearer ${t.token}` });
    return { status: r.status, body: JSON.parse(r.body) };
  };

  /** GET /v1/invoices as API Gateway passes it after the authorizer resolved `tenant`. */
  const search = (tenant: string) =>
    apiHandler({
      rawPath: '/v1/invoices',
      headers: {},
      requestContext: { http: { method: 'GET' }, authorizer: { lambda: { tenant } } },
    });

  describe('per-tenant throttling (Lambda)', () => {
    it('answers tenant A’s burst (one instance’s buckets) 429 with Retry-After while tenant B is still served', async () => {
      const burst = await Promise.all(Array.from({ length: 60 }, () => search('tenant-x')));
      const statuses = burst.map((r) => r.statusCode);
      // The bucket's burst is served; what is beyond it (less what refilled meanwhile) is refused.
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(TENANT_RATE_LIMIT.burst);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(20);
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      const refused = burst.find((r) => r.statusCode === 429);
      expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(refused?.body ?? '')).toEqual({
        error: 'too_many_requests',
        message_ja: 'リクエストが多すぎます。しばらく待ってから再試行してください',
        message_en: 'too many requests; retry later',
      });
      // Tenant B, at once and in a burst of its own size: all served.
      const b = await Promise.all(Array.from({ length: TENANT_RATE_LIMIT.burst }, () => search('tenant-y')));
      expect(b.map((r) => r.statusCode)).toEqual(Array(TENANT_RATE_LIMIT.burst).fill(200));
      // And A again once it has waited what it was told.
      await new Promise((ok) => setTimeout(ok, Number(refused?.headers['retry-after']) * 1000));
      expect((await search('tenant-x')).statusCode).toBe(200);
    });
  });

  describe('TenantThrottle', () => {
    it('serves a burst, then one request per refill, each tenant on its own', () => {
      let ms = 0;
      const throttle = new TenantThrottle({ perSecond: 2, burst: 3 }, () => ms);
      expect([1, 2, 3].map(() => throttle.take('a'))).toEqual([undefined, undefined, undefined]);
      expect(throttle.take('a')).toBe(1); // half a second for the next token: told 1 s
      expect(throttle.take('b')).toBeUndefined();
      ms += 500;
      expect(throttle.take('a')).toBeUndefined();
      expect(throttle.take('a')).toBe(1);
      ms += 60_000; // refilled to the burst, no further
      expect([1, 2, 3, 4].map(() => throttle.take('a'))).toEqual([undefined, undefined, undefined, 1]);
    });

    it('says how many whole seconds to wait at a slow rate', () => {
      let ms = 0;
      const throttle = new TenantThrottle({ perSecond: 0.1, burst: 1 }, () => ms);
      expect(throttle.take('a')).toBeUndefined();
      expect(throttle.take('a')).toBe(10);
      ms += 4_000;
      expect(throttle.take('a')).toBe(6);
    });
  });

  describe('Content-Type', () => {
    const job = JSON.stringify({ files: { bank: 10, open_items: 10 } });

    it('takes a JSON body only when the request says application/json (415 otherwise)', async () => {
      for (const type of [
        undefined,
        '',
        'text/plain;charset=UTF-8', // a browser's fetch with a string body
        'application/x-www-form-urlencoded', // curl -d
        'multipart/form-data; boundary=x',
        'application/jsonp',
        'application/json; charset=shift_jis',
      ]) {
        const r = await raw('POST', '/v1/reconcile-jobs', job, type);
        expect(r.status, String(type)).toBe(415);
        expect(r.body).toEqual({
          error: 'unsupported_media_type',
          message_ja: '本文は Content-Type: application/json で送ってください',
          message_en: 'send the body as Content-Type: application/json',
        });
      }
      for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"']) {
        expect((await raw('POST', '/v1/reconcile-jobs', job, type)).status, type).toBe(201);
      }
    });

    it('asks nothing of a GET', async () => {
      expect((await raw('GET', '/v1/invoices', undefined, undefined)).status).toBe(200);
    });

    it('reads the header API Gateway passes to the Lambda handler', async () => {
      const event = (headers: Record<string, string>) => ({
        rawPath: '/v1/reconcile-jobs',
        headers,
        body: job,
        requestContext: { http: { method: 'POST' }, authorizer: { lambda: { tenant: 'tenant-a' } } },
      });
      expect((await apiHandler(event({ 'content-type': 'text/plain' }))).statusCode).toBe(415);
      expect((await apiHandler(event({}))).statusCode).toBe(415);
      expect((await apiHandler(event({ 'content-type': 'application/json' }))).statusCode).toBe(201);
    });

    it('refuses a JSON body over 1 MB with 413', async () => {
      const big = JSON.stringify({ files: { bank: 10, open_items: 10 }, pad: 'x'.repeat(1024 * 1024) });
      expect(await raw('POST', '/v1/reconcile-jobs', big, 'application/json')).toEqual({
        status: 413,
        body: { error: 'too_large', message_ja: '本文が大きすぎます', message_en: 'body too large' },
      });
    });
  });

  describe('dates', () => {
    const files = { employees: 100, attendance: 100 };

    it('refuses a pay date that is not on the calendar (2026-02-30) with 400, and takes real ones', async () => {
      for (const payDate of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-2-28']) {
        const r = await t.call('POST', '/v1/payroll-runs', { pay_date: payDate, files });
        expect(r.status, payDate).toBe(400);
        expect(r.body).toMatchObject({ error: 'invalid_request', issues: [expect.objectContaining({ path: 'pay_date' })] });
      }
      for (const payDate of ['2026-02-28', '2028-02-29', '2026-12-31']) {
        expect((await t.call('POST', '/v1/payroll-runs', { pay_date: payDate, files })).status, payDate).toBe(201);
      }
    });

    it('refuses a search range whose dates are not on the calendar', async () => {
      expect((await t.call('GET', '/v1/invoices?from=2026-02-30')).status).toBe(400);
      expect((await t.call('GET', '/v1/invoices?from=2026-04-01&to=2026-04-31')).status).toBe(400);
      expect((await t.call('GET', '/v1/invoices?from=2026-04-01&to=2026-04-30')).status).toBe(200);
    });
  });
});
