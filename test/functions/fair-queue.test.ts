/**
 * One tenant cannot slow another through the shared work queue. In AWS, every message the
 * functions send carries its tenant as MessageGroupId, which makes the standard queue an SQS fair
 * queue: a tenant with a backlog (a 50,000-invoice batch) no longer delays a quiet tenant's
 * messages. The local queue behind `urakata serve` and the tests hands out work the same way:
 * the next message is from the tenant with the fewest in flight.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { LocalQueue, SqsQueue, tenantOf } from '../../functions/queue.js';
import type { WorkMessage } from '../../functions/schemas.js';

const chunk = (tenant: string, n: number): WorkMessage => ({ type: 'render-chunk', tenant, batchId: 'b', chunk: n });

describe('a fair share of the work queue for each tenant', () => {
  it('sends each message with its tenant as MessageGroupId (SQS fair queues); an upload event’s tenant is read from its key', async () => {
    const sent: { Entries: { MessageBody: string; MessageGroupId?: string }[] }[] = [];
    const client = { send: async (command: { input: (typeof sent)[number] }) => sent.push(command.input) };
    const queue = new SqsQueue(client as unknown as SQSClient, 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/work');
    const upload: WorkMessage = { type: 'upload', key: 'incoming/tenant-b/invoice-batches/0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d52/lines.csv' };
    await queue.send([chunk('tenant-a', 0), upload, { type: 'upload', key: 'not/an/upload' }]);
    expect(sent[0]?.Entries.map((e) => e.MessageGroupId)).toEqual(['tenant-a', 'tenant-b', undefined]);
    expect(tenantOf(upload)).toBe('tenant-b');
  });

  it('hands the next message to the tenant with the fewest in flight, not to the first in line', async () => {
    const order: string[] = [];
    const done = new Map<string, () => void>();
    const queue = new LocalQueue(
      (m) => {
        const name = `${tenantOf(m)}:${m.type === 'render-chunk' ? m.chunk : ''}`;
        order.push(name);
        return new Promise<void>((ok) => done.set(name, ok));
      },
      async () => {},
      { concurrency: 2 },
    );
    const tick = () => new Promise((ok) => setTimeout(ok, 5));
    // Tenant A queues ten chunks and takes both workers; then tenant B queues one.
    await queue.send(Array.from({ length: 10 }, (_, n) => chunk('tenant-a', n)));
    await queue.send([chunk('tenant-b', 0)]);
    await tick();
    expect(order).toEqual(['tenant-a:0', 'tenant-a:1']);
    // The first worker free takes B's chunk, not A's third.
    done.get('tenant-a:0')?.();
    await tick();
    expect(order).toEqual(['tenant-a:0', 'tenant-a:1', 'tenant-b:0']);
    done.get('tenant-a:1')?.();
    await tick();
    expect(order.at(-1)).toBe('tenant-a:2');
    for (let i = 0; i < 20; i++) {
      for (const ok of done.values()) ok();
      await tick();
    }
    await queue.idle();
    expect(order).toHaveLength(11);
  });
});
