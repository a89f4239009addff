/**
 * SQS → the worker. Partial batch responses (`ReportBatchItemFailures`): a failed record alone is
 * redelivered; after maxReceiveCount it goes to the dead-letter queue, whose own consumer marks
 * the job failed ({@link deadLetterHandler}). Each record is logged under its message id and the
 * correlation id it was sent with (an S3 upload event has none: the worker finds the job's).
 */
import { z } from 'zod';
import { logger, withLogKeys } from '../log.js';
import { queueAge } from '../metrics.js';
import { CORRELATION_ATTRIBUTE } from '../queue.js';
import { isS3Notification, messagesOf } from '../schemas.js';
import { handleDeadLetter, handleWork } from '../worker.js';
import { lambdaDeps } from './env.js';
import { invocation, type LambdaContext } from './invocation.js';

const SqsRecord = z.object({
  messageId: z.string(),
  body: z.string(),
  attributes: z
    .object({
      SentTimestamp: z.string().optional(),
      ApproximateFirstReceiveTimestamp: z.string().optional(),
      ApproximateReceiveCount: z.string().optional(),
    })
    .optional(),
  messageAttributes: z.record(z.string(), z.object({ stringValue: z.string().optional() })).optional(),
});
type SqsRecord = z.infer<typeof SqsRecord>;
const SqsEvent = z.object({ Records: z.array(SqsRecord) });

function bodyOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Runs `fn` with the record's message id and correlation id on every log line. */
const withRecordKeys = <T>(r: SqsRecord, fn: () => Promise<T>): Promise<T> =>
  withLogKeys({ message_id: r.messageId, correlation_id: r.messageAttributes?.[CORRELATION_ATTRIBUTE]?.stringValue }, fn);

/** The time a message waited for its first delivery, counted once (not again on a redelivery). */
function recordQueueAge(r: SqsRecord, now: number): void {
  const sent = Number(r.attributes?.SentTimestamp);
  if (!Number.isFinite(sent) || (r.attributes?.ApproximateReceiveCount ?? '1') !== '1') return;
  const first = Number(r.attributes?.ApproximateFirstReceiveTimestamp);
  queueAge((Number.isFinite(first) ? first : now) - sent);
}

export async function handler(event: unknown, context?: LambdaContext) {
  return invocation(context, {}, async () => {
    const records = SqsEvent.parse(event).Records;
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const r of records) {
      recordQueueAge(r, Date.now());
      await withRecordKeys(r, async () => {
        const body = bodyOf(r.body);
        const messages = messagesOf(body);
        if (!messages) {
          logger.error('unrecognised message dropped');
          return;
        }
        try {
          // S3 sends its events without a MessageGroupId: worked on here, one tenant's burst of
          // uploads would hold back every other tenant's work. Sent on as the tenant's own message,
          // the fair queue shares them out by tenant (the send adds the group).
          if (isS3Notification(body)) {
            if (messages.length > 0) await lambdaDeps().queue.send(messages);
            return;
          }
          for (const m of messages) await handleWork(lambdaDeps(), m);
        } catch (e) {
          logger.warn('message failed, will be redelivered', { error: e as Error });
          batchItemFailures.push({ itemIdentifier: r.messageId });
        }
      });
    }
    return { batchItemFailures };
  });
}

export async function deadLetterHandler(event: unknown, context?: LambdaContext) {
  return invocation(context, {}, async () => {
    for (const r of SqsEvent.parse(event).Records) {
      await withRecordKeys(r, async () => {
        for (const m of messagesOf(bodyOf(r.body)) ?? []) {
          await handleDeadLetter(lambdaDeps(), m, new Error('dead-lettered after the last retry'));
        }
      });
    }
  });
}
