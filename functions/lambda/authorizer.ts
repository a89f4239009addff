/**
 * HTTP API Lambda authorizer (simple responses). API Gateway answers 401 itself when the
 * Authorization header is missing and 403 when this returns `isAuthorized: false`.
 */
import { z } from 'zod';
import { authorize } from '../auth.js';
import { logger } from '../log.js';
import { lambdaDeps } from './env.js';
import { invocation, type LambdaContext } from './invocation.js';

const AuthorizerEvent = z.object({
  headers: z.record(z.string(), z.string()).optional(),
  requestContext: z.object({ requestId: z.string().optional() }).optional(),
});

export async function handler(event: unknown, context?: LambdaContext): Promise<{ isAuthorized: boolean; context?: { tenant: string } }> {
  const e = AuthorizerEvent.safeParse(event);
  // The id of the request being authorized: the API handler's lines for it carry the same one.
  return invocation(context, { correlation_id: e.data?.requestContext?.requestId }, async () => {
    const header = e.success ? e.data.headers?.authorization : undefined;
    const result = await authorize(lambdaDeps().store, header);
    if (!result.ok) {
      logger.warn('credential refused', { status: result.status });
      return { isAuthorized: false };
    }
    return { isAuthorized: true, context: { tenant: result.tenant } };
  });
}
