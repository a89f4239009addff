import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as apiHandler } from '../../functions/lambda/api.js';
import { handler as authorizerHandler } from '../../functions/lambda/authorizer.js';
import { handler as scheduleHandler } from '../../functions/lambda/schedule.js';
import { putJson } from '../../functions/jobs/status.js';
import { useLambdaDeps } from '../../functions/lambda/env.js';
import { handler as workerHandler } from '../../functions/lambda/worker.js';
import { ISSUER, invoiceCsv, type TestStack, testStack } from './stack.js';

let t: TestStack;
beforeAll(async () => {
  t = await testStack();
  useLambdaDeps(t.stack.deps);
});
afterAll(async () => {
  useLambdaDeps(undefined);
  await t.close();
});

/** An HTTP API payload 2.0 event as API Gateway sends it after the authorizer. */
const httpEvent = (method: string, rawPath: string, tenant?: string, query?: Record<string, string>) => ({
  version: '2.0',
  rawPath,
  ...(query ? { queryStringParameters: query } : {}),
  requestContext: { http: { method }, ...(tenant ? { authorizer: { lambda: { tenant } } } : {}) },
});

describe('Lambda adapters', () => {
  it('authorizer: a known credential yields its tenant, anything else is refused without detail', async () => {
    expect(await authorizerHandler({ headers: { authorization: `Bearer ${t.token}` } })).toEqual({
      isAuthorized: true,
      context: { tenant: 'tenant-a' },
    });
    expect(await authorizerHandler({ headers: { authorization: 'Bearer nope' } })).toEqual({ isAuthorized: false });
    expect(await authorizerHandler({})).toEqual({ isAuthorized: false });
  });

  it('api: routes with the tenant from the authorizer context, 403 without one', async () => {
    const ok = await apiHandler(httpEvent('GET', '/v1/invoices', 'tenant-a', { from: '2026-01-01' }));
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ invoices: [], truncated: false });
    expect((await apiHandler(httpEvent('GET', '/v1/invoices'))).statusCode).toBe(403);
    expect((await apiHandler({ nonsense: true })).statusCode).toBe(403);
  });

  it('schedule: a failed tenant run fails the invocation (so the schedule-errors alarm fires) after the others ran', async () => {
    // No input files under this tenant: the payroll due on 2026-12-25 is refused.
    await putJson(t.stack.store, 'system/payroll-schedules/tenant-z.json', {
      tenant: 'tenant-z',
      employees: 'payroll/inputs/employees.csv',
      attendance: 'payroll/inputs/attendance.csv',
      pay_day: 25,
    });
    const event = { 'detail-type': 'Scheduled Event', time: '2026-12-21T15:00:00Z' }; // 12-22 00:00 JST
    await expect(scheduleHandler(event)).rejects.toThrow('scheduled payroll failed for 1 tenant(s): tenant-z');
    expect(await scheduleHandler({ 'detail-type': 'Scheduled Event', time: '2026-12-19T15:00:00Z' })).toEqual({ runs: [] });
    await t.stack.store.delete('system/payroll-schedules/tenant-z.json');
  });

  it('worker: takes S3 notifications as S3 sends them (URL-encoded keys)', async () => {
    const csv = invoiceCsv(2);
    const created = await t.call('POST', '/v1/invoice-batches', { size: Buffer.byteLength(csv), issuer: ISSUER });
    const key = `incoming/tenant-a/invoice-batches/${created.body.batchId}/lines.csv`;
    // Written directly (s3rver's own event also reaches the local queue: both paths must agree).
    await t.stack.store.put(key, csv);
    const notification = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: 'b' }, object: { key: encodeURIComponent(key), size: Buffer.byteLength(csv) } },
        },
      ],
    };
    const r = await workerHandler({
      Records: [
        { messageId: 'test-event', body: JSON.stringify({ Event: 's3:TestEvent' }) },
        { messageId: 'upload', body: JSON.stringify(notification) },
        { messageId: 'garbage', body: 'not json' },
      ],
    });
    expect(r).toEqual({ batchItemFailures: [] });
    await t.stack.idle();
    const status = await t.call('GET', `/v1/invoice-batches/${created.body.batchId}`);
    expect(status.body).toMatchObject({ state: 'done', counts: { issued: 2 } });
  });

  it('worker: passes an S3 upload event on through the queue under its tenant’s message group, and works on what comes back', async () => {
    // S3 sends its events without a MessageGroupId, so one tenant's burst of uploads held back
    // every other tenant's work: the event is sent on as the tenant's own message, which the fair
    // queue shares out by tenant.
    const sent: unknown[] = [];
    const handled: string[] = [];
    useLambdaDeps({
      ...t.stack.deps,
      queue: { send: async (m) => void sent.push(...m) },
      store: { ...t.stack.store, get: (k: string) => (handled.push(k), t.stack.store.get(k)) },
    });
    try {
      const key = 'incoming/tenant-a/invoice-batches/00000000-0000-4000-8000-000000000001/lines.csv';
      const notification = { Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key, size: 1 } } }] };
      const r = await workerHandler({ Records: [{ messageId: 'upload', body: JSON.stringify(notification) }] });
      expect(r).toEqual({ batchItemFailures: [] });
      expect(sent).toEqual([{ type: 'upload', key }]);
      expect(handled).toEqual([]);
    } finally {
      useLambdaDeps(t.stack.deps);
    }
  });

  it('worker: reports only the record that failed, for SQS to redeliver', async () => {
    const broken = { ...t.stack.deps, store: { ...t.stack.store, get: () => Promise.reject(new Error('store unavailable')) } };
    useLambdaDeps(broken);
    try {
      const chunk = { type: 'render-chunk', tenant: 'tenant-a', batchId: '00000000-0000-4000-8000-000000000000', chunk: 0 };
      const r = await workerHandler({
        Records: [
          { messageId: 'fine', body: JSON.stringify({ Event: 's3:TestEvent' }) },
          { messageId: 'chunk', body: JSON.stringify(chunk) },
        ],
      });
      expect(r).toEqual({ batchItemFailures: [{ itemIdentifier: 'chunk' }] });
    } finally {
      useLambdaDeps(t.stack.deps);
    }
  });
});
