/**
 * API Gateway (HTTP API, payload 2.0) → the router. The tenant is the one the Lambda authorizer
 * put into the request context; this handler never looks at the credential.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { handleApi, TenantThrottle } from '../api.js';
import { type ApiResponse, FORBIDDEN } from '../errors.js';
import { logger } from '../log.js';
import { lambdaDeps } from './env.js';
import { invocation, type LambdaContext } from './invocation.js';

const HttpApiEvent = z.object({
  rawPath: z.string(),
  /** Header names as API Gateway passes them (payload 2.0): lower case. */
  headers: z.record(z.string(), z.string()).optional(),
  queryStringParameters: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
  requestContext: z.object({
    requestId: z.string().optional(),
    http: z.object({ method: z.string() }),
    authorizer: z.object({ lambda: z.object({ tenant: z.string() }) }).optional(),
  }),
});

const toLambda = (r: ApiResponse) => ({ statusCode: r.status, headers: r.headers, body: r.body });

/** Each tenant's rate on this instance: kept across the invocations the instance serves. */
const throttle = new TenantThrottle();

/** API Gateway's id of the request, also when the event is not one this handler takes. */
const RequestId = z.object({ requestContext: z.object({ requestId: z.string().min(1) }) });

export async function handler(event: unknown, context?: LambdaContext) {
  const e = HttpApiEvent.safeParse(event);
  const requestId = RequestId.safeParse(event).data?.requestContext.requestId ?? randomUUID();
  return invocation(context, { correlation_id: requestId }, async () => {
    const tenant = e.success ? e.data.requestContext.authorizer?.lambda.tenant : undefined;
    if (!e.success || !tenant) {
      logger.error('request without an authorized tenant');
      return toLambda(FORBIDDEN);
    }
    const body = e.data.body && e.data.isBase64Encoded ? Buffer.from(e.data.body, 'base64').toString('utf8') : e.data.body;
    const response = await handleApi({ ...lambdaDeps(), throttle }, tenant, {
      method: e.data.requestContext.http.method,
      path: e.data.rawPath,
      query: e.data.queryStringParameters ?? {},
      body,
      contentType: e.data.headers?.['content-type'],
      requestId,
    });
    return toLambda(response);
  });
}
