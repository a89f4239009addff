/**
 * HTTP API Lambda authorizer (simple responses). API Gateway answers 401 itself when the
 * Authorization header is missing and 403 when this returns `isAuthorized: false`.
 */
import { z } from 'zod';
import { authorize } from '../auth.js';
import { logger } from '../log.js';
import { lambdaDeps } from './env.js';

const AuthorizerEvent = z.object({ headers: z.record(z.string(), z.string()).optional() });

export async function handler(event: unknown): Promise<{ isAuthorized: boolean; context?: { tenant: string } }> {
  const e = AuthorizerEvent.safeParse(event);
  const header = e.success ? e.data.headers?.authorization : undefined;
  const result = await authorize(lambdaDeps().store, header);
  if (!result.ok) {
    logger.warn('credential refused', { status: result.status });
    return { isAuthorized: false };
  }
  return { isAuthorized: true, context: { tenant: result.tenant } };
}
