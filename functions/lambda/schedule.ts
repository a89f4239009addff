/** EventBridge schedule (daily, Asia/Tokyo) → scheduled payroll runs. */
import { z } from 'zod';
import { todayInTokyo } from '../../core/dates/calendar.js';
import { runScheduledPayrolls } from '../jobs/runs.js';
import { logger } from '../log.js';
import { lambdaDeps } from './env.js';

const ScheduledEvent = z.object({ 'detail-type': z.string().optional(), time: z.string().optional() });

export async function handler(event: unknown) {
  ScheduledEvent.parse(event);
  const runs = await runScheduledPayrolls(lambdaDeps().store, todayInTokyo());
  logger.info('scheduled payroll runs', { runs: runs.length });
  return { runs };
}
