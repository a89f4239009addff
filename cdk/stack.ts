/**
 * The Urakata stack: one per stage (dev / prod), configured by props.
 *
 *   client ── HTTP API (Lambda authorizer on every route) ── api Lambda ──┐
 *                                                                         ├── S3 bucket (tenant prefixes)
 *   presigned PUT → incoming/… ── S3 notification ── SQS work queue ── worker Lambda (split, render, finalize)
 *                                                       └─ DLQ ── dead-letter Lambda (job → failed) + alarms
 *   EventBridge (daily 09:00 JST) ── schedule Lambda (scheduled payroll runs; the year's last pay carries the 年末調整)
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type CfnStage, CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, EventType, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/api.js';
import { UrakataFunction } from './function.js';

export type Stage = 'dev' | 'prod';

export interface UrakataStackProps extends StackProps {
  readonly stage: Stage;
  /**
   * 電帳法: keep issued invoices undeletable (S3 Object Lock, COMPLIANCE mode) for this many
   * days. Cannot be shortened or switched off once deployed; 10 years + margin is the design
   * default for prod (7 years from the filing deadline, 10 for years with 欠損金).
   */
  readonly objectLockRetentionDays?: number;
  /** Days raw uploads under incoming/ are kept. */
  readonly incomingExpiryDays?: number;
  /** Where alarm notifications go. */
  readonly alarmEmail?: string;
  /** Worker concurrency cap (SQS event source maximum concurrency). */
  readonly workerConcurrency?: number;
}

/** Logical IDs of stateful resources: pinned, so a refactor never replaces the bucket. */
export const LOGICAL_IDS = { bucket: 'DocumentsBucket', accessLogs: 'AccessLogsBucket' } as const;

const WORKER_TIMEOUT = Duration.minutes(5);

/** Issued invoices (PDF, XML), the only objects written under Object Lock. */
const INVOICES = 'tenants/*/invoices/*';
/** A credential's record, `system/credentials/{sha256 hex}.json`, and no other key. */
const CREDENTIAL_KEY = `system/credentials/${'?'.repeat(64)}.json`;

/** What one function may do in the documents bucket, each as key patterns. */
interface ObjectGrants {
  /** GetObject (and HeadObject, presigned GETs). */
  readonly read?: readonly string[];
  /** PutObject and AbortMultipartUpload (the streamed zip is a multipart upload). */
  readonly write?: readonly string[];
  /** ListBucket, with an `s3:prefix` condition: only listings under these patterns. */
  readonly list?: readonly string[];
  readonly delete?: readonly string[];
  /** PutObjectRetention: writing an object with an Object Lock retention date. */
  readonly retention?: readonly string[];
}

/**
 * The statements of {@link ObjectGrants}, action by action. Not `bucket.grantRead`/`grantPut`:
 * those add `s3:List*` on the whole bucket (any function could list every credential hash and
 * tenant), and Object Lock retention and legal hold on every key they are given.
 */
function grantObjects(bucket: Bucket, fn: UrakataFunction, g: ObjectGrants): void {
  const objects = (patterns: readonly string[]) => patterns.map((p) => bucket.arnForObjects(p));
  const statement = (actions: string[], patterns: readonly string[] | undefined) => {
    if (patterns?.length) fn.addToRolePolicy(new PolicyStatement({ actions, resources: objects(patterns) }));
  };
  statement(['s3:GetObject'], g.read);
  statement(['s3:PutObject', 's3:AbortMultipartUpload'], g.write);
  statement(['s3:DeleteObject'], g.delete);
  statement(['s3:PutObjectRetention'], g.retention);
  if (g.list?.length) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [...g.list] } },
      }),
    );
  }
}

export class UrakataStack extends Stack {
  readonly bucket: Bucket;
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: UrakataStackProps) {
    super(scope, id, props);
    const prod = props.stage === 'prod';
    // prod's logs are records (who called, what ran for which tenant): deleting the stack keeps them.
    const logs = {
      logRetention: prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
      logRemovalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };

    // --- Storage -------------------------------------------------------------------------------
    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(prod ? 400 : 30) }],
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    (accessLogs.node.defaultChild as CfnBucket).overrideLogicalId(LOGICAL_IDS.accessLogs);
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    const lock = props.objectLockRetentionDays;
    this.bucket = new Bucket(this, 'Documents', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents/',
      // Object Lock on, with no default retention: a default would lock every object — uploads that
      // must expire, working files — and make S3 refuse each write that carries no checksum. The
      // issued invoices are locked one by one instead (INVOICE_RETENTION_DAYS).
      ...(lock ? { objectLockEnabled: true } : {}),
      lifecycleRules: [
        // Raw uploads are inputs, not records: the issued PDFs and results are kept instead.
        {
          id: 'incoming',
          prefix: 'incoming/',
          expiration: Duration.days(props.incomingExpiryDays ?? 7),
          noncurrentVersionExpiration: Duration.days(1),
        },
        { id: 'abort-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Browsers (the Excel task pane, Sheets sidebar) PUT and GET through presigned URLs.
      cors: [{ allowedMethods: [HttpMethods.PUT, HttpMethods.GET], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3000 }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.bucket.node.defaultChild as CfnBucket).overrideLogicalId(LOGICAL_IDS.bucket);

    // --- Fan-out -------------------------------------------------------------------------------
    const deadLetters = new Queue(this, 'WorkDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const work = new Queue(this, 'WorkQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS guidance: at least six times the consumer's timeout, so a message is not redelivered mid-run.
      visibilityTimeout: Duration.minutes(30),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(work), { prefix: 'incoming/' });

    // --- Functions -----------------------------------------------------------------------------
    const environment = {
      BUCKET: this.bucket.bucketName,
      WORK_QUEUE_URL: work.queueUrl,
      ...(lock ? { INVOICE_RETENTION_DAYS: String(lock) } : {}),
    };
    const api = new UrakataFunction(this, 'Api', { entry: 'api', environment, ...logs });
    const authorizerFn = new UrakataFunction(this, 'Authorizer', { entry: 'authorizer', environment, ...logs, memorySize: 256 });
    const worker = new UrakataFunction(this, 'Worker', {
      entry: 'worker',
      environment,
      ...logs,
      fonts: true,
      // CPU scales with memory: 1,769 MB is one full vCPU for pdfkit.
      memorySize: 1769,
      timeout: WORKER_TIMEOUT,
    });
    const deadLetterFn = new UrakataFunction(this, 'DeadLetters', {
      entry: 'worker',
      handler: 'deadLetterHandler',
      environment,
      ...logs,
    });
    const scheduleFn = new UrakataFunction(this, 'PayrollSchedule', {
      entry: 'schedule',
      environment,
      ...logs,
      memorySize: 1024,
      timeout: Duration.minutes(5),
    });

    // Each function gets the key prefixes it uses, and none but the worker may delete: a compromised
    // API must not remove issued invoices (versions included) nor write system/ (credentials, schedules).
    //   api          — tenants/* read, write, list; incoming/* write (the presigned upload URLs it signs)
    //   worker       — tenants/* read, write, list; incoming/* read, list, delete (an upload refused as too large);
    //                  with Object Lock, the retention of what it issues (tenants/*/invoices/*)
    //   dead letters — tenants/* read, write, list (status, errors.csv)
    //   schedule     — tenants/* read, write, list; system/payroll-schedules/* read, list
    //   authorizer   — system/credentials/{sha256}.json read, one key at a time
    // Year-end runs (tenants/{t}/year-end/…) need nothing more: the worker writes them, the schedule reads them.
    const grants: [UrakataFunction, ObjectGrants][] = [
      [api, { read: ['tenants/*'], write: ['tenants/*', 'incoming/*'], list: ['tenants/*'] }],
      [
        worker,
        {
          read: ['tenants/*', 'incoming/*'],
          write: ['tenants/*'],
          list: ['tenants/*', 'incoming/*'],
          delete: ['incoming/*'],
          ...(lock ? { retention: [INVOICES] } : {}),
        },
      ],
      [deadLetterFn, { read: ['tenants/*'], write: ['tenants/*'], list: ['tenants/*'] }],
      [
        scheduleFn,
        { read: ['tenants/*', 'system/payroll-schedules/*'], write: ['tenants/*'], list: ['tenants/*', 'system/payroll-schedules/*'] },
      ],
      // Listing is granted only with a prefix that is one whole credential key: S3 makes its
      // ListBucket check with the key as the prefix when it decides between 404 and 403 for a
      // missing object, so an unknown credential is a 404 (no credential) and not an access error,
      // while a listing of system/credentials/ — every credential's hash and tenant — is refused.
      [authorizerFn, { read: [CREDENTIAL_KEY], list: [CREDENTIAL_KEY] }],
    ];
    for (const [f, g] of grants) grantObjects(this.bucket, f, g);
    work.grantSendMessages(api);
    work.grantSendMessages(worker);
    worker.addEventSource(
      new SqsEventSource(work, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: props.workerConcurrency ?? 50 }),
    );
    deadLetterFn.addEventSource(new SqsEventSource(deadLetters, { batchSize: 1 }));
    const tenantKeys =
      'Object keys are per tenant and per job (tenants/{tenant}/…, incoming/{tenant}/…), so each grant is on this stack’s own bucket with a key-prefix wildcard; the handlers build every key from the authorized tenant.';
    const reason = (pattern: string) =>
      pattern === CREDENTIAL_KEY
        ? 'One object per credential, named by its SHA-256 (64 hex digits): the pattern matches those keys and no other.'
        : pattern === INVOICES
          ? '電帳法: every invoice the worker issues (PDF, XML) is written under Object Lock, under each tenant’s invoices/.'
          : tenantKeys;
    for (const [f, g] of grants) {
      for (const p of new Set([...(g.read ?? []), ...(g.write ?? []), ...(g.delete ?? []), ...(g.retention ?? [])])) {
        Validations.of(f).acknowledge({ id: `AwsSolutions-IAM5[Resource::<DocumentsBucket.Arn>/${p}]`, reason: reason(p) });
      }
    }
    const notifications = this.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (notifications) {
      Validations.of(notifications).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK’s own bucket-notification custom resource; its managed policy only writes its CloudWatch Logs.',
      });
      Validations.of(notifications).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'CDK’s own bucket-notification custom resource needs s3:PutBucketNotification, which it scopes at deploy time.',
      });
    }

    // --- API -----------------------------------------------------------------------------------
    const authorizer = new HttpLambdaAuthorizer('TenantCredential', authorizerFn, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: Duration.minutes(5),
    });
    this.api = new HttpApi(this, 'HttpApi', {
      defaultAuthorizer: authorizer,
      createDefaultStage: true,
      // The Excel task pane calls the API from its own origin; API Gateway answers the preflight
      // itself (no authorizer, no Lambda), and the credential still guards every real request.
      corsPreflight: {
        allowOrigins: ['*'],
        allowHeaders: ['authorization', 'content-type'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        // A tenant over its rate is told when to come back (TenantThrottle): the task pane may read it.
        exposeHeaders: ['retry-after'],
        maxAge: Duration.hours(1),
      },
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', api);
    // The router's own list: a route the API answers is a route API Gateway has, and no other.
    for (const route of ROUTES) {
      const method = HttpMethod[route.method as keyof typeof HttpMethod];
      if (method === undefined) throw new Error(`route ${route.path}: unknown method ${route.method}`);
      this.api.addRoutes({ path: route.path, methods: [method], integration });
    }
    const accessLog = new LogGroup(this, 'ApiAccessLogs', { retention: logs.logRetention, removalPolicy: logs.logRemovalPolicy });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    // No Authorization header and no query string in the access log: only who, what and how it went.
    stage.accessLogSettings = {
      destinationArn: accessLog.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        method: '$context.httpMethod',
        path: '$context.path',
        status: '$context.status',
        latency: '$context.responseLatency',
        tenant: '$context.authorizer.tenant',
      }),
    };
    // The ceiling for all tenants together; each tenant's own share is TenantThrottle's, in the API
    // handler (HTTP APIs have no usage plans): see docs/cloud.md for what each bounds.
    stage.defaultRouteSettings = { throttlingBurstLimit: 100, throttlingRateLimit: 50 };

    // --- Schedule ------------------------------------------------------------------------------
    // 00:00 UTC = 09:00 JST, every day: the handler decides which tenants pay in three days.
    new Rule(this, 'PayrollScheduleRule', {
      schedule: Schedule.cron({ minute: '0', hour: '0' }),
      targets: [new LambdaFunction(scheduleFn, { retryAttempts: 2 })],
    });

    // --- Alarms --------------------------------------------------------------------------------
    const topic = new Topic(this, 'Alarms', { enforceSSL: true });
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Alarm notifications carry alarm names and states only, no customer data; SSE would add a KMS key for nothing to protect.',
    });
    if (props.alarmEmail) topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const alarm = (id: string, metric: IMetric, description: string) =>
      new Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(new SnsAction(topic));
    alarm(
      'DeadLettersAlarm',
      deadLetters.metricNumberOfMessagesReceived({ period: Duration.minutes(5) }),
      'a job failed on every retry (dead-lettered)',
    );
    alarm(
      'DeadLettersDepthAlarm',
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'dead letters are not being processed',
    );
    alarm('WorkerErrorsAlarm', worker.metricErrors({ period: Duration.minutes(5) }), 'the worker Lambda failed');
    alarm('ScheduleErrorsAlarm', scheduleFn.metricErrors({ period: Duration.minutes(5) }), 'the scheduled payroll run failed');
    alarm('ApiErrorsAlarm', api.metricErrors({ period: Duration.minutes(5) }), 'the API Lambda failed');

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
  }
}
