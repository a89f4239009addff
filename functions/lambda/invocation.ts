/**
 * What every Lambda entry point does around its work, as Powertools' `injectLambdaContext` does
 * for a decorated handler: the Lambda context on every log line (`function_request_id`,
 * `function_name`, `cold_start`, …) and the invocation's own keys, its metrics published once at
 * the end, and the logger's per-invocation keys cleared before the next invocation.
 */
import { type LogKeys, logger, withOwnLogKeys } from '../log.js';
import { withMetrics } from '../metrics.js';

/** The part of Lambda's context object the logger reads. */
export interface LambdaContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
}

/**
 * @example export const handler = (event: unknown, context?: LambdaContext) => invocation(context, {}, () => work(event));
 */
export async function invocation<T>(context: LambdaContext | undefined, keys: LogKeys, fn: () => Promise<T>): Promise<T> {
  // Debug sampling, when configured, is decided again for each invocation. (Refreshing also resets
  // the level to the configured one, so it is not done otherwise: a test's setLogLevel holds.)
  if (process.env.POWERTOOLS_LOGGER_SAMPLE_RATE) logger.refreshSampleRateCalculation();
  if (context) logger.addContext(context);
  try {
    return await withOwnLogKeys(keys, () => withMetrics(fn));
  } finally {
    logger.resetKeys();
  }
}
