/**
 * The fan-out queue. Production: SQS (at-least-once; a message can arrive twice, so every handler
 * is idempotent). Locally: an in-process queue with the same semantics — retries with back-off,
 * then a dead-letter callback.
 *
 * Either queue carries the sender's correlation id beside each message (an SQS message attribute,
 * {@link CORRELATION_ATTRIBUTE}), and the consumer logs the message's work under it.
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { correlationId, logger, withOwnLogKeys } from './log.js';
import { parseIncomingKey } from './keys.js';
import type { WorkMessage } from './schemas.js';

/** The SQS message attribute that carries the correlation id. */
export const CORRELATION_ATTRIBUTE = 'correlation_id';

export interface WorkQueue {
  send(messages: readonly WorkMessage[]): Promise<void>;
}

/**
 * The tenant a message works for: a chunk's own, an upload's from its key; undefined for a key of
 * no upload. Sent as the SQS MessageGroupId, it makes the standard queue a fair queue (one tenant's
 * backlog does not hold back another's messages), and the local queue shares out by it alike.
 * @example tenantOf({ type: 'render-chunk', tenant: 'acme', batchId: '…', chunk: 0 }) // 'acme'
 */
export function tenantOf(m: WorkMessage): string | undefined {
  return m.type === 'render-chunk' ? m.tenant : parseIncomingKey(m.key)?.tenant;
}

export class SqsQueue implements WorkQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly url: string,
  ) {}

  async send(messages: readonly WorkMessage[]): Promise<void> {
    const correlation = correlationId();
    const attributes = correlation ? { [CORRELATION_ATTRIBUTE]: { DataType: 'String', StringValue: correlation } } : undefined;
    for (let i = 0; i < messages.length; i += 10) {
      const batch = messages.slice(i, i + 10);
      const r = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.url,
          Entries: batch.map((m, j) => {
            const tenant = tenantOf(m);
            return {
              Id: String(j),
              MessageBody: JSON.stringify(m),
              ...(tenant !== undefined ? { MessageGroupId: tenant } : {}),
              ...(attributes ? { MessageAttributes: attributes } : {}),
            };
          }),
        }),
      );
      // The entries SQS refused, with its codes and reasons, are the error's cause.
      if (r.Failed && r.Failed.length > 0) throw new Error(`SQS refused ${r.Failed.length} message(s)`, { cause: r.Failed });
    }
  }
}

export interface LocalQueueOptions {
  /** Messages handled at once. */
  readonly concurrency?: number;
  /** Deliveries before a message is dead-lettered (SQS maxReceiveCount). */
  readonly maxAttempts?: number;
  /** Wait before redelivery n (1-based): `retryDelayMs * n`. */
  readonly retryDelayMs?: number;
}

/** A message waiting in the local queue: its delivery count, and the correlation id it was sent with. */
interface Delivery {
  readonly message: WorkMessage;
  readonly attempt: number;
  readonly correlation: string | undefined;
}

/**
 * In-process stand-in for SQS + DLQ.
 * @example const q = new LocalQueue((m) => worker.handle(m), (m, e) => worker.deadLetter(m, e)); await q.send([msg]); await q.idle();
 */
export class LocalQueue implements WorkQueue {
  private readonly pending: Delivery[] = [];
  private running = 0;
  /** Messages in flight by tenant ('' for none). */
  private readonly inFlight = new Map<string, number>();
  private timers = 0;
  private waiters: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private closed = false;

  constructor(
    private readonly handler: (m: WorkMessage) => Promise<void>,
    private readonly deadLetter: (m: WorkMessage, error: unknown) => Promise<void>,
    options: LocalQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 2;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 200;
  }

  async send(messages: readonly WorkMessage[]): Promise<void> {
    const correlation = correlationId();
    for (const message of messages) this.pending.push({ message, attempt: 1, correlation });
    this.pump();
  }

  /** Resolves when nothing is queued, running or waiting for a retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((ok) => this.waiters.push(ok));
  }

  close(): void {
    this.closed = true;
  }

  private isIdle(): boolean {
    return this.pending.length === 0 && this.running === 0 && this.timers === 0;
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.pending.length > 0) {
      const item = this.next();
      const tenant = tenantOf(item.message) ?? '';
      this.running++;
      this.inFlight.set(tenant, (this.inFlight.get(tenant) ?? 0) + 1);
      void this.deliver(item).finally(() => {
        this.running--;
        this.inFlight.set(tenant, (this.inFlight.get(tenant) ?? 1) - 1);
        this.pump();
        if (this.isIdle()) for (const w of this.waiters.splice(0)) w();
      });
    }
  }

  /**
   * The next message, taken out of `pending`: the first in line of the tenant with the fewest
   * messages in flight, as an SQS fair queue favours quiet tenants over one with a backlog.
   */
  private next(): Delivery {
    let best = 0;
    let fewest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.pending.length && fewest > 0; i++) {
      const n = this.inFlight.get(tenantOf((this.pending[i] as Delivery).message) ?? '') ?? 0;
      if (n < fewest) {
        fewest = n;
        best = i;
      }
    }
    return this.pending.splice(best, 1)[0] as Delivery;
  }

  /** Each delivery under the correlation id it was sent with, as the Lambda worker reads it from SQS. */
  private deliver(item: Delivery): Promise<void> {
    return withOwnLogKeys({ correlation_id: item.correlation }, () => this.attempt(item));
  }

  private async attempt(item: Delivery): Promise<void> {
    try {
      await this.handler(item.message);
    } catch (e) {
      if (item.attempt >= this.maxAttempts) {
        logger.error('message dead-lettered', { type: item.message.type, attempts: item.attempt, error: e as Error });
        await this.deadLetter(item.message, e).catch((d: unknown) => logger.error('dead-letter handler failed', { error: d as Error }));
        return;
      }
      logger.warn('message will be retried', { type: item.message.type, attempt: item.attempt, error: e as Error });
      this.timers++;
      setTimeout(() => {
        this.timers--;
        this.pending.push({ ...item, attempt: item.attempt + 1 });
        this.pump();
      }, this.retryDelayMs * item.attempt);
    }
  }
}
