import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGION, stackFromContext } from '../../cdk/context.js';

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

describe('the CDK app entry', () => {
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
