/** EventBridge schedule (daily, Asia/Tokyo) → scheduled payroll runs. */
import { z } from 'zod';
import { todayInTokyo } from '../../core/dates/calendar.js';
import { runScheduledPayrolls } from '../jobs/runs.js';
import { logger } from '../log.js';
import { lambdaDeps } from './env.js';
import { invocation, type LambdaContext } from './invocation.js';

const ScheduledEvent = z.object({ id: z.string().optional(), 'detail-type': z.string().optional(), time: z.string().optional() });

/**
 * Runs every schedule due today. A run that failed (bad inputs, a year the tables do not cover)
 * fails the invocation after all the others ran, so the schedule-errors alarm fires.
 */
export async function handler(event: unknown, context?: LambdaContext) {
  const { id, time } = ScheduledEvent.parse(event);
  // The EventBridge event's id: a retried delivery of the same day's event logs under the same one.
  return invocation(context, { correlation_id: id }, async () => {
    // The day the rule fired for (EventBridge's time), so a delayed or retried delivery runs that day's schedules.
    const at = time === undefined ? new Date() : new Date(time);
    const runs = await runScheduledPayrolls(lambdaDeps().store, todayInTokyo(Number.isNaN(at.getTime()) ? new Date() : at));
    logger.info('scheduled payroll runs', { runs: runs.length });
    const failed = runs.filter((r) => r.state === 'failed');
    if (failed.length > 0) {
      throw new Error(`scheduled payroll failed for ${failed.length} tenant(s): ${failed.map((r) => r.tenant).join(', ')}`);
    }
    return { runs };
  });
}
