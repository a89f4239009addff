/** Handler wiring from the environment the CDK stack sets (BUCKET, WORK_QUEUE_URL, INVOICE_RETENTION_DAYS). */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { ApiDeps } from '../api.js';
import { handlerFonts } from '../fonts.js';
import { runJobs } from '../jobs/runs.js';
import { SqsQueue } from '../queue.js';
import { S3Store, s3Client } from '../store.js';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

let deps: ApiDeps | undefined;

/** Tests hand the handlers a local stack's dependencies instead of the environment's. */
export function useLambdaDeps(replacement: ApiDeps | undefined): void {
  deps = replacement;
}

/** Created once per Lambda container and reused across invocations. */
export function lambdaDeps(): ApiDeps {
  if (deps) return deps;
  const store = new S3Store(s3Client(), required('BUCKET'));
  const queue = new SqsQueue(new SQSClient({}), required('WORK_QUEUE_URL'));
  const retention = Number(process.env.INVOICE_RETENTION_DAYS ?? '');
  deps = { store, queue, fonts: handlerFonts, jobs: runJobs(store), ...(retention > 0 ? { retentionDays: retention } : {}) };
  return deps;
}
