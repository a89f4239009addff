/**
 * What the Lambda handlers write besides their answers: log lines with the Lambda context and the
 * correlation id of the API request that started the work — through the upload event and the
 * queue to the worker — and the metrics of a batch (EMF lines on stdout).
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, toResponse } from '../../functions/errors.js';
import { handlerFonts } from '../../functions/fonts.js';
import { handler as apiHandler } from '../../functions/lambda/api.js';
import { useLambdaDeps } from '../../functions/lambda/env.js';
import type { LambdaContext } from '../../functions/lambda/invocation.js';
import { handler as workerHandler } from '../../functions/lambda/worker.js';
import { correlationId, logger, withLogKeys } from '../../functions/log.js';
import { LocalQueue, SqsQueue } from '../../functions/queue.js';
import type { WorkMessage } from '../../functions/schemas.js';
import { type JobStatus, writeStatus } from '../../functions/jobs/status.js';
import { withMetrics } from '../../functions/metrics.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { ISSUER, invoiceCsv, type Json } from './stack.js';

// Tests run with metrics off (vitest.config.ts); these read them. Set before the handlers are imported.
vi.hoisted(() => vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false'));
afterAll(() => vi.unstubAllEnvs());

/** What the handlers print, parsed: log lines (errors on stderr) and EMF lines; anything else (a Node warning) is left out. */
let printed: Json[];
const capture = (chunk: unknown) => {
  for (const line of String(chunk).split('\n')) if (line.startsWith('{')) printed.push(JSON.parse(line));
  return true;
};
beforeEach(() => {
  printed = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  logger.setLogLevel('INFO');
});
afterEach(() => {
  logger.setLogLevel('SILENT');
  vi.restoreAllMocks();
  useLambdaDeps(undefined);
});

const logLines = (message: string) => printed.filter((l) => l.message === message);
const emf = () => printed.filter((l) => l._aws !== undefined);

const lambdaContext = (awsRequestId: string, fn = 'urakata-worker'): LambdaContext => ({
  awsRequestId,
  functionName: fn,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:ap-northeast-1:123456789012:function:${fn}`,
  memoryLimitInMB: '512',
});

/** An SQS queue whose client keeps each SendMessageBatch it is given. */
function capturingSqs() {
  const sent: {
    Entries: { MessageBody: string; MessageGroupId?: string; MessageAttributes?: Record<string, { StringValue?: string }> }[];
  }[] = [];
  const client = {
    send: async (command: { input: (typeof sent)[number] }) => {
      sent.push(command.input);
      return {};
    },
  };
  return { queue: new SqsQueue(client as unknown as SQSClient, 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/work'), sent };
}

describe('Lambda logs and metrics', () => {
  it('one correlation id from the API request through the upload event and the queue to the worker, and the batch’s metrics', async () => {
    const store = new MemoryStore();
    const sqs = capturingSqs();
    const renderPdf = async (inv: { invoice_no: string }) => new TextEncoder().encode(`%PDF ${inv.invoice_no}`);
    useLambdaDeps({ store, queue: sqs.queue, fonts: handlerFonts, chunkSize: 2, renderPdf });
    // Three good invoices and one rejected row: two chunks.
    const csv = `${invoiceCsv(3)}B-1,2026-05-31,2026-06-30,C1,甲社,品目,1,千円,10\r\n`;

    // 1. The API: POST /v1/invoice-batches, as API Gateway sends it after the authorizer.
    const created = await apiHandler(
      {
        rawPath: '/v1/invoice-batches',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ size: Buffer.byteLength(csv), issuer: ISSUER }),
        requestContext: { requestId: 'apigw-req-1', http: { method: 'POST' }, authorizer: { lambda: { tenant: 'tenant-a' } } },
      },
      lambdaContext('lambda-api-1', 'urakata-api'),
    );
    expect(created.statusCode).toBe(201);
    const batchId = JSON.parse(created.body).batchId as string;
    const [api] = logLines('api');
    expect(api).toMatchObject({
      function_request_id: 'lambda-api-1',
      function_name: 'urakata-api',
      correlation_id: 'apigw-req-1',
      tenant: 'tenant-a',
      status: 201,
    });
    expect(logLines('invoice batch created')[0]).toMatchObject({ correlation_id: 'apigw-req-1', batch_id: batchId });

    // 2. The upload's S3 event: S3 sets no message group, so it is sent on under the tenant's.
    const key = `incoming/tenant-a/invoice-batches/${batchId}/lines.csv`;
    await store.put(key, csv);
    const now = Date.now();
    const event = {
      messageId: 'm-event',
      body: JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key } } }] }),
      attributes: { SentTimestamp: String(now - 1500), ApproximateFirstReceiveTimestamp: String(now - 500), ApproximateReceiveCount: '1' },
    };
    expect(await workerHandler({ Records: [event] }, lambdaContext('lambda-worker-0'))).toEqual({ batchItemFailures: [] });
    const [forwarded, ...others] = sqs.sent.flatMap((s) => s.Entries);
    expect(others).toEqual([]);
    expect(forwarded?.MessageGroupId).toBe('tenant-a');
    expect(JSON.parse(forwarded?.MessageBody ?? '')).toEqual({ type: 'upload', key });
    expect(logLines('upload')).toEqual([]);
    expect(emf()).toHaveLength(1);
    expect(emf()[0]).toMatchObject({ service: 'urakata', QueueAge: 1000 });
    sqs.sent.length = 0;
    printed = [];

    // The upload message: it carries no correlation id; the worker finds the batch's.
    const upload = {
      messageId: 'm-upload',
      body: forwarded?.MessageBody ?? '',
      attributes: { SentTimestamp: String(Date.now()), ApproximateReceiveCount: '1' },
    };
    expect(await workerHandler({ Records: [upload] }, lambdaContext('lambda-worker-1'))).toEqual({ batchItemFailures: [] });
    expect(logLines('upload')[0]).toMatchObject({
      function_request_id: 'lambda-worker-1',
      message_id: 'm-upload',
      correlation_id: 'apigw-req-1',
      kind: 'invoice-batches',
      tenant: 'tenant-a',
      batch_id: batchId,
    });
    // Its chunk messages carry the correlation id as a message attribute.
    const entries = sqs.sent.flatMap((s) => s.Entries);
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e.MessageAttributes?.correlation_id?.StringValue).toBe('apigw-req-1');

    // 3. The chunk messages, as the SQS event source delivers them.
    printed = [];
    const records = entries.map((e, i) => ({
      messageId: `m-chunk-${i}`,
      body: e.MessageBody,
      attributes: { SentTimestamp: String(Date.now()), ApproximateReceiveCount: '1' },
      messageAttributes: { correlation_id: { stringValue: e.MessageAttributes?.correlation_id?.StringValue, dataType: 'String' } },
    }));
    expect(await workerHandler({ Records: records }, lambdaContext('lambda-worker-2'))).toEqual({ batchItemFailures: [] });
    const chunks = logLines('chunk rendered');
    expect(chunks.map((l) => [l.message_id, l.chunk])).toEqual([
      ['m-chunk-0', 0],
      ['m-chunk-1', 1],
    ]);
    for (const l of chunks) {
      expect(l).toMatchObject({ function_request_id: 'lambda-worker-2', correlation_id: 'apigw-req-1', batch_id: batchId });
    }

    // One EMF line for the invocation: the batch's counts as its status answers them.
    const status = JSON.parse(new TextDecoder().decode(await store.get(`tenants/tenant-a/invoice-batches/${batchId}/status.json`)));
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 3, issued: 3, rejected: 1, conflicts: 0 } });
    const [metrics, ...more] = emf();
    expect(more).toEqual([]);
    expect(metrics).toMatchObject({
      service: 'urakata',
      InvoiceBatchesDone: 1,
      InvoicesIssued: 3,
      InvoicesUnchanged: 0,
      InvoicesRejected: 1,
      InvoiceConflicts: 0,
    });
    expect(metrics.ChunkDuration).toHaveLength(2);
    expect(metrics._aws.CloudWatchMetrics).toEqual([
      expect.objectContaining({ Namespace: 'Urakata', Dimensions: [['service']], Metrics: expect.any(Array) }),
    ]);
    expect(metrics._aws.CloudWatchMetrics[0].Metrics).toContainEqual({ Name: 'ChunkDuration', Unit: 'Milliseconds' });
  });

  it('counts a job that ends once: a failed batch recorded again (a late chunk, a second round) is not a second failure', async () => {
    const store = new MemoryStore();
    const running: JobStatus = {
      id: '0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d52',
      kind: 'invoice-batches',
      state: 'running',
      created_at: '2026-12-06T00:00:00.000Z',
      updated_at: '2026-12-06T00:00:00.000Z',
    };
    await withMetrics(async () => {
      const failed = await writeStatus(store, 'tenant-a', running, { state: 'failed', counts: { issued: 3 } });
      await writeStatus(store, 'tenant-a', failed, { state: 'failed', counts: { issued: 4 } });
      // A round that still holds the status it read before the first write.
      await writeStatus(store, 'tenant-a', running, { state: 'failed', counts: { issued: 4 } });
    });
    const [metrics, ...more] = emf();
    expect(more).toEqual([]);
    expect(metrics?.InvoiceBatchesFailed).toBe(1);
  });

  it('clears one invocation’s keys before the next: no correlation id or job carried over', async () => {
    useLambdaDeps({ store: new MemoryStore(), queue: capturingSqs().queue, fonts: handlerFonts });
    await workerHandler(
      { Records: [{ messageId: 'm-1', body: 'not json', messageAttributes: { correlation_id: { stringValue: 'req-a' } } }] },
      lambdaContext('lambda-1'),
    );
    await workerHandler({ Records: [{ messageId: 'm-2', body: 'not json' }] }, lambdaContext('lambda-2'));
    const [first, second] = logLines('unrecognised message dropped');
    expect(first).toMatchObject({ function_request_id: 'lambda-1', message_id: 'm-1', correlation_id: 'req-a' });
    expect(second).toMatchObject({ function_request_id: 'lambda-2', message_id: 'm-2' });
    expect(second).not.toHaveProperty('correlation_id');
    // Nothing was counted: no EMF line at all (not even an empty one).
    expect(emf()).toEqual([]);
  });

  it('an API request without an API Gateway id gets one made up, on every line it writes', async () => {
    useLambdaDeps({ store: new MemoryStore(), queue: capturingSqs().queue, fonts: handlerFonts });
    const r = await apiHandler(
      { rawPath: '/v1/nowhere', requestContext: { http: { method: 'GET' }, authorizer: { lambda: { tenant: 'tenant-a' } } } },
      lambdaContext('lambda-api-2', 'urakata-api'),
    );
    expect(r.statusCode).toBe(404);
    expect(logLines('api')[0]?.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the local queue delivers each message under the correlation id it was sent with', async () => {
    const seen: [string, string | undefined][] = [];
    const queue = new LocalQueue(
      async (m: WorkMessage) => void seen.push([m.type === 'upload' ? m.key : '', correlationId()]),
      async () => undefined,
      { concurrency: 1 },
    );
    // With one lane, b is delivered from a's completion: it must not inherit a's id.
    await withLogKeys({ correlation_id: 'req-a' }, () => queue.send([{ type: 'upload', key: 'a' }]));
    await withLogKeys({ correlation_id: 'req-b' }, () => queue.send([{ type: 'upload', key: 'b' }]));
    await queue.send([{ type: 'upload', key: 'c' }]);
    await queue.idle();
    expect(seen).toEqual([
      ['a', 'req-a'],
      ['b', 'req-b'],
      ['c', undefined],
    ]);
  });
});

describe('errors and their causes', () => {
  it('ApiError keeps the error it was made from, and never answers with it', () => {
    const cause = new SyntaxError('Unexpected token');
    const e = new ApiError(400, 'invalid_json', '本文をJSONとして読めません', 'body is not valid JSON', undefined, { cause });
    expect(e.cause).toBe(cause);
    expect(new ApiError(404, 'not_found', '見つかりません', 'not found').cause).toBeUndefined();
    expect(toResponse(e).body).not.toContain('Unexpected token');
  });

  it('an unexpected error is logged with its cause chain', () => {
    const e = new Error('render failed', { cause: new Error('store unavailable', { cause: new Error('ECONNRESET') }) });
    expect(toResponse(e).status).toBe(500);
    const [line] = logLines('unhandled error');
    expect(line.error).toMatchObject({
      name: 'Error',
      message: 'render failed',
      cause: { message: 'store unavailable', cause: { message: 'ECONNRESET' } },
    });
  });
});
