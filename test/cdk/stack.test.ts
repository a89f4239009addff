import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { LOGICAL_IDS, UrakataStack, type UrakataStackProps } from '../../cdk/stack.js';
import { ROUTES } from '../../functions/api.js';

/** Bundling off (no esbuild run per function) and CloudFormation validation off: ~1 s per synth. */
function synth(props: Partial<UrakataStackProps> = {}, nag = false, extra?: (stack: UrakataStack) => void): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new UrakataStack(app, 'Test', { stage: 'prod', ...props });
  extra?.(stack);
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return Template.fromStack(stack);
}

const template = synth();

describe('documents bucket', () => {
  it('keeps its pinned logical IDs', () => {
    const buckets = Object.keys(template.findResources('AWS::S3::Bucket'));
    expect(buckets.sort()).toEqual([LOGICAL_IDS.accessLogs, LOGICAL_IDS.bucket].sort());
    expect(LOGICAL_IDS.bucket).toBe('DocumentsBucket');
  });

  it('blocks public access, encrypts, versions and logs access', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'documents/' }),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it('refuses every request that is not over TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: LOGICAL_IDS.bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('expires raw uploads under incoming/ only', () => {
    const bucket = template.findResources('AWS::S3::Bucket')[LOGICAL_IDS.bucket];
    const rules = bucket?.Properties.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays?: number }[];
    expect(rules.filter((r) => r.ExpirationInDays !== undefined)).toEqual([
      expect.objectContaining({ Id: 'incoming', Prefix: 'incoming/', ExpirationInDays: 7 }),
    ]);
  });

  it('has no Object Lock unless asked; when asked, Object Lock with no default retention and the days handed to the functions', () => {
    const plain = template.findResources('AWS::S3::Bucket')[LOGICAL_IDS.bucket];
    expect(plain?.Properties.ObjectLockEnabled).toBeUndefined();
    const locked = synth({ objectLockRetentionDays: 4015 });
    const bucket = locked.findResources('AWS::S3::Bucket')[LOGICAL_IDS.bucket];
    expect(bucket?.Properties.ObjectLockEnabled).toBe(true);
    // A default retention would lock uploads that must expire and make S3 refuse writes without a checksum.
    expect(bucket?.Properties.ObjectLockConfiguration?.Rule).toBeUndefined();
    locked.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ INVOICE_RETENTION_DAYS: '4015' }) },
    });
  });

  it('starts work only for uploads under incoming/', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
          }),
        ],
      },
    });
  });
});

describe('API', () => {
  it('puts the tenant-credential authorizer on every route', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([
      'GET /v1/invoice-batches/{id}',
      'GET /v1/invoices',
      'GET /v1/payroll-runs/{id}',
      'GET /v1/reconcile-jobs/{id}',
      'GET /v1/year-end-runs/{id}',
      'POST /v1/invoice-batches',
      'POST /v1/payroll-runs',
      'POST /v1/reconcile-jobs',
      'POST /v1/year-end-runs',
    ]);
    for (const r of routes) {
      expect(r.Properties.AuthorizationType).toBe('CUSTOM');
      expect(r.Properties.AuthorizerId).toBeDefined();
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
    });
  });

  it('takes its routes from the router: every route the API answers, and no other', () => {
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey as string);
    expect(keys.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('answers the browser preflight for the task pane', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowHeaders: ['authorization', 'content-type'],
        AllowMethods: ['GET', 'POST'],
        // A 429's Retry-After, readable by the task pane.
        ExposeHeaders: ['retry-after'],
      }),
    });
  });

  it('writes access logs without the Authorization header', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format = stage?.Properties.AccessLogSettings.Format as string;
    expect(format).toContain('$context.authorizer.tenant');
    expect(format.toLowerCase()).not.toContain('authorization');
  });
});

describe('functions, fan-out, schedule, alarms', () => {
  it('runs every function on Node.js 22, arm64, with tracing and a log group of fixed retention', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Runtime !== undefined);
    const ours = fns.filter((f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'urakata');
    expect(ours).toHaveLength(5);
    for (const f of ours) {
      expect(f.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      // Powertools metrics (EMF) land in the Urakata namespace.
      expect(f.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('Urakata');
    }
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 365 }, 6);
  });

  it('keeps every log group when a prod stack is deleted; a dev stack takes its logs with it', () => {
    const policies = (t: Template) =>
      Object.values(t.findResources('AWS::Logs::LogGroup')).map((g) => [g.DeletionPolicy, g.UpdateReplacePolicy]);
    // The five functions' groups and the API's access log.
    expect(policies(template)).toEqual(Array(6).fill(['Retain', 'Retain']));
    expect(policies(synth({ stage: 'dev' }))).toEqual(Array(6).fill(['Delete', 'Delete']));
  });

  it('dead-letters a work message after five deliveries', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 1800,
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('alarms on dead letters and on function errors', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    expect(alarms.map((a) => a.MetricName).sort()).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Errors',
      'Errors',
      'NumberOfMessagesReceived',
    ]);
    for (const a of alarms) expect(a.AlarmActions).toHaveLength(1);
  });

  it('runs the payroll schedule daily at 09:00 JST', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 0 * * ? *)', State: 'ENABLED' });
  });
});

/** One S3 statement of a function's policy: its actions, the key patterns it covers ('' = the bucket), its s3:prefix condition. */
interface S3Grant {
  readonly role: string;
  readonly actions: readonly string[];
  readonly keys: readonly string[];
  readonly prefixes: readonly string[] | undefined;
}

/** The documents bucket's statements of every role policy in `t`; `role` is the policy's logical id up to `ServiceRole`. */
function s3Grants(t: Template): S3Grant[] {
  const keyOf = (r: unknown): string | undefined => {
    const text = JSON.stringify(r);
    if (!text.includes(LOGICAL_IDS.bucket)) return undefined;
    return /"\/([^"]*)"/.exec(text)?.[1] ?? '';
  };
  return Object.entries(t.findResources('AWS::IAM::Policy')).flatMap(([id, p]) =>
    (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: Json }[])
      .map((st) => ({
        role: id.replace(/ServiceRole.*$/, ''),
        actions: ([] as string[]).concat(st.Action),
        keys: ([] as unknown[]).concat(st.Resource).flatMap((r) => keyOf(r) ?? []),
        prefixes: st.Condition?.StringLike?.['s3:prefix'] as string[] | undefined,
      }))
      .filter((g) => g.keys.length > 0 && g.actions.some((a) => a.startsWith('s3:'))),
  );
}

/** IAM's StringLike: `*` any run of characters, `?` any one. */
const like = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(value);

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation conditions are read key by key
type Json = any;

describe('IAM', () => {
  const grants = s3Grants(template);
  const s3 = grants.map((g) => ({ actions: g.actions, resources: JSON.stringify(g.keys.map((k) => `/${k}`)) }));
  const of = (role: string, action: string, all = grants) => all.filter((g) => g.role === role && g.actions.includes(action));
  const credentialKey = `system/credentials/${'ab12'.repeat(16)}.json`;

  it('lets only the worker delete, and only uploads under incoming/', () => {
    const deletes = s3.filter((st) => st.actions.some((a) => a.startsWith('s3:DeleteObject')));
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.resources).toContain('/incoming/*');
  });

  it('lets no function write under system/ (credentials, schedules) or anywhere outside tenants/ and incoming/', () => {
    const writes = s3.filter((st) => st.actions.some((a) => a.startsWith('s3:PutObject')));
    expect(writes.length).toBeGreaterThan(0);
    for (const st of writes) expect(st.resources).toMatch(/\/(tenants|incoming)\/\*/);
    for (const st of writes) expect(st.resources).not.toContain('system/');
  });

  it('reaches the year-end runs (tenants/{t}/year-end/…) through the tenants/* grants alone: the worker writes them, the schedule reads them', () => {
    const objectKeys = new Set(grants.flatMap((g) => g.keys).filter((k) => k !== ''));
    // No object grant wider than a prefix (no bucket/*), none of its own for year-end/.
    expect([...objectKeys].sort()).toEqual([
      'incoming/*',
      `system/credentials/${'?'.repeat(64)}.json`,
      'system/payroll-schedules/*',
      'tenants/*',
    ]);
    expect(of('Worker', 's3:PutObject').flatMap((g) => g.keys)).toContain('tenants/*');
    expect(of('PayrollSchedule', 's3:GetObject').flatMap((g) => g.keys)).toContain('tenants/*');
  });

  it('lets each function list only under the prefixes it reads: none lists the bucket, and none lists system/credentials/', () => {
    // Only s3:ListBucket, always on the bucket and always with an s3:prefix condition.
    const lists = grants.filter((g) => g.actions.some((a) => a.startsWith('s3:List')));
    for (const g of lists) expect(g).toMatchObject({ actions: ['s3:ListBucket'], keys: [''], prefixes: expect.any(Array) });
    // Nothing else on the bucket itself (s3:GetBucket*, s3:List* came with every read grant), but
    // CDK's own custom resource that sets the bucket's notifications.
    const onBucket = grants.filter((g) => g.keys.includes('') && !g.actions.every((a) => a === 's3:ListBucket'));
    expect(onBucket).toEqual([
      expect.objectContaining({ role: expect.stringMatching(/^DocumentsNotificationsHandler/), actions: ['s3:PutBucketNotification'] }),
    ]);
    const prefixes = Object.fromEntries(lists.map((g) => [g.role, g.prefixes]));
    expect(prefixes).toEqual({
      Api: ['tenants/*'],
      Worker: ['tenants/*', 'incoming/*'],
      DeadLetters: ['tenants/*'],
      PayrollSchedule: ['tenants/*', 'system/payroll-schedules/*'],
      Authorizer: [`system/credentials/${'?'.repeat(64)}.json`],
    });
    // The authorizer's one pattern is a whole credential key: S3's 404-or-403 check for a missing
    // credential passes (it is made with the key as the prefix), a listing of the folder does not.
    const [authorizer] = prefixes.Authorizer ?? [];
    expect(like(authorizer ?? '', credentialKey)).toBe(true);
    for (const listing of ['', 'system/', 'system/credentials/', 'system/credentials/a', 'tenants/']) {
      expect(like(authorizer ?? '', listing), listing).toBe(false);
    }
    // No function but the authorizer may list a credential, none but the schedule the schedules.
    for (const [role, patterns] of Object.entries(prefixes)) {
      const may = (key: string) => (patterns ?? []).some((p: string) => like(p, key));
      expect(may('system/credentials/'), role).toBe(false);
      expect(may(credentialKey), role).toBe(role === 'Authorizer');
      expect(may('system/payroll-schedules/'), role).toBe(role === 'PayrollSchedule');
    }
  });

  it('sets Object Lock retention only where invoices are issued (the worker, tenants/*/invoices/*), and no legal hold anywhere', () => {
    const locked = s3Grants(synth({ objectLockRetentionDays: 4015 }));
    for (const all of [grants, locked]) {
      expect(all.filter((g) => g.actions.some((a) => a.startsWith('s3:PutObjectLegalHold')))).toEqual([]);
      // Writes are PutObject and the abort of a multipart upload; nothing else under a wildcard.
      for (const g of all) expect(g.actions.filter((a) => a.includes('*'))).toEqual([]);
    }
    // Without Object Lock nothing is retained; with it, the worker and only where it writes invoices.
    expect(grants.filter((g) => g.actions.includes('s3:PutObjectRetention'))).toEqual([]);
    expect(locked.filter((g) => g.actions.includes('s3:PutObjectRetention'))).toEqual([
      { role: 'Worker', actions: ['s3:PutObjectRetention'], keys: ['tenants/*/invoices/*'], prefixes: undefined },
    ]);
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged (AwsSolutions)', () => {
    expect(() => synth({ objectLockRetentionDays: 4015, alarmEmail: 'ops@example.jp' }, true)).not.toThrow();
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    // A bucket without TLS enforcement or access logs: AwsSolutions-S1 and S10.
    expect(() => synth({}, true, (stack) => new Bucket(stack, 'Careless'))).toThrow(/AwsSolutions/);
  });
});
