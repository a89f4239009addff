/**
 * One instrumentation style for every handler: the Powertools structured logger, created once
 * per process. Never pass a credential, an Authorization header or a presigned URL to it.
 *
 * Keys that belong to one request or one queue message (`correlation_id`, the job's ids) are
 * scoped with {@link withLogKeys} rather than appended to the shared logger: `urakata serve`
 * runs the same handlers for several requests and messages at once in one process, and each
 * line must carry its own. The Lambda context (`function_request_id`, …) is added by the Lambda
 * entry points (functions/lambda/invocation.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';

/** What a log line says about the request or message it was written for. */
export interface LogKeys {
  /** The API request that started the work: API Gateway's request id, or one made up. */
  readonly correlation_id?: string;
  readonly tenant?: string;
  readonly kind?: string;
  readonly batch_id?: string;
  readonly job_id?: string;
  readonly run_id?: string;
  readonly chunk?: number;
  readonly message_id?: string;
}

const scope = new AsyncLocalStorage<LogKeys>();

/** The Powertools logger, with the keys of the current scope on every line it writes. */
class ScopedLogger extends Logger {
  protected override createAndPopulateLogItem(level: number, input: LogItemMessage, extra: LogItemExtraInput): LogItem {
    const keys = scope.getStore();
    // The scope's keys first, so a key given to the call itself wins (the logger takes any mix of objects, errors and strings).
    return super.createAndPopulateLogItem(level, input, keys ? ([{ ...keys }, ...extra] as LogItemExtraInput) : extra);
  }
}

export const logger: Logger = new ScopedLogger({ serviceName: 'urakata' });

/**
 * Runs `fn` with `keys` (and the keys of the scope it is called in) on every log line written
 * while it runs, its awaited work included. Undefined keys are left out.
 * @example await withLogKeys({ correlation_id: requestId, tenant }, () => route(req))
 */
export function withLogKeys<T>(keys: LogKeys, fn: () => T): T {
  return scope.run({ ...scope.getStore(), ...defined(keys) }, fn);
}

/**
 * Runs `fn` with only `keys`, whatever scope it is called in: for work that is nobody's part —
 * a Lambda invocation, a message the local queue delivers from another message's callback.
 */
export function withOwnLogKeys<T>(keys: LogKeys, fn: () => T): T {
  return scope.run(defined(keys), fn);
}

const defined = (keys: LogKeys): LogKeys => Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined));

/**
 * The correlation id of the request or message being handled: work it starts (a queued message,
 * a job's request.json) carries it on, so the worker's lines name the request that caused them.
 */
export const correlationId = (): string | undefined => scope.getStore()?.correlation_id;
