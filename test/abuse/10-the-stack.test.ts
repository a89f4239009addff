/**
 * Issue 19, finding 10 — the stack: cdk synth said aws://unknown-account/us-east-1 (the
 * ap-northeast-1 default never applied, so payroll data would be stored wherever the deployer's
 * shell pointed), and the API read a 1 MB body before checking the credential (anonymous callers
 * got 413 before 401). The stack's grants, retained log groups, per-tenant throttling, content
 * types and calendar dates are asserted where the stack and the router are tested
 * (test/cdk/stack.test.ts, test/functions/api-requests.test.ts).
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
import { logger } from '../../functions/log.js';

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
