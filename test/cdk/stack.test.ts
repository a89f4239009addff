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
      CorsConfiguration: Match.objectLike({ AllowHeaders: ['authorization', 'content-type'], AllowMethods: ['GET', 'POST'] }),
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

describe('IAM', () => {
  /** Every S3 statement of the stack's policies: its actions and the key patterns it covers. */
  const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).map((st) => ({
      actions: ([] as string[]).concat(st.Action),
      resources: JSON.stringify(st.Resource),
    })),
  );
  const s3 = statements.filter((st) => st.actions.some((a) => a.startsWith('s3:')));

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
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'));
    const prefixes = new Set<string>();
    const grants = (role: string, action: string) =>
      policies
        .filter(([id]) => id.startsWith(role))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((st) => ([] as string[]).concat(st.Action).includes(action))
        .flatMap((st) => [...JSON.stringify(st.Resource).matchAll(/"\/([^"]*)"/g)].map((m) => m[1]));
    for (const [, p] of policies) {
      for (const st of p.Properties.PolicyDocument.Statement as { Resource: unknown }[]) {
        for (const m of JSON.stringify(st.Resource).matchAll(/"\/([^"]*)"/g)) prefixes.add(m[1] ?? '');
      }
    }
    // No object grant wider than a prefix (no bucket/*), none of its own for year-end/.
    expect([...prefixes].sort()).toEqual(['incoming/*', 'system/credentials/*', 'system/payroll-schedules/*', 'tenants/*']);
    expect(grants('WorkerServiceRole', 's3:PutObject')).toContain('tenants/*');
    expect(grants('PayrollScheduleServiceRole', 's3:GetObject*')).toContain('tenants/*');
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
