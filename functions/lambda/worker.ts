/**
 * SQS → the worker. Partial batch responses (`ReportBatchItemFailures`): a failed record alone is
 * redelivered; after maxReceiveCount it goes to the dead-letter queue, whose own consumer marks
 * the job failed ({@link deadLetterHandler}).
 */
import { z } from 'zod';
import { logger } from '../log.js';
import { messagesOf } from '../schemas.js';
import { handleDeadLetter, handleWork } from '../worker.js';
import { lambdaDeps } from './env.js';

const SqsEvent = z.object({ Records: z.array(z.object({ messageId: z.string(), body: z.string() })) });

function bodyOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function handler(event: unknown) {
  const records = SqsEvent.parse(event).Records;
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const r of records) {
    const messages = messagesOf(bodyOf(r.body));
    if (!messages) {
      logger.error('unrecognised message dropped', { messageId: r.messageId });
      continue;
    }
    try {
      for (const m of messages) await handleWork(lambdaDeps(), m);
    } catch (e) {
      logger.warn('message failed, will be redelivered', { messageId: r.messageId, error: e as Error });
      batchItemFailures.push({ itemIdentifier: r.messageId });
    }
  }
  return { batchItemFailures };
}

export async function deadLetterHandler(event: unknown) {
  for (const r of SqsEvent.parse(event).Records) {
    for (const m of messagesOf(bodyOf(r.body)) ?? []) {
      await handleDeadLetter(lambdaDeps(), m, new Error('dead-lettered after the last retry'));
    }
  }
}
