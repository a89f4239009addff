/**
 * Domain errors → HTTP answers, in this one place. Bodies carry a stable `error` code and a
 * message in Japanese and English; authentication failures say nothing more than that.
 */
import { ZodError } from 'zod';
import { InputError, type Problem } from '../core/errors.js';
import { logger } from './log.js';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * A refusal the caller can act on (4xx). The error it was made from, if any, is its `cause`: kept
 * for the logs, never put into the answer.
 * @example new ApiError(400, 'invalid_json', '本文をJSONとして読めません', 'body is not valid JSON', undefined, { cause: e })
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message_ja: string,
    readonly message_en: string,
    readonly problems?: readonly Problem[],
    options?: { readonly cause?: unknown },
  ) {
    super(`${code}: ${message_en}`, options);
    this.name = 'ApiError';
  }
}

export const notFoundError = (): ApiError => new ApiError(404, 'not_found', '見つかりません', 'not found');

/** A request body over the API's limit (MAX_BODY_BYTES): the files go to the upload URLs, not here. */
export const bodyTooLarge = (): ApiError => new ApiError(413, 'too_large', '本文が大きすぎます', 'body too large');

export const json = (status: number, value: unknown): ApiResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
});

/**
 * A tenant over its request rate: 429 with the whole seconds to wait in Retry-After.
 * @example tooManyRequests(1) // { status: 429, headers: { 'retry-after': '1', … }, … }
 */
export function tooManyRequests(retryAfterSeconds: number): ApiResponse {
  const r = json(429, {
    error: 'too_many_requests',
    message_ja: 'リクエストが多すぎます。しばらく待ってから再試行してください',
    message_en: 'too many requests; retry later',
  });
  return { ...r, headers: { ...r.headers, 'retry-after': String(retryAfterSeconds) } };
}

/** The same two answers for every credential failure, so a caller learns nothing from them. */
export const UNAUTHORIZED: ApiResponse = json(401, { error: 'unauthorized', message_ja: '認証が必要です', message_en: 'unauthorized' });
export const FORBIDDEN: ApiResponse = json(403, { error: 'forbidden', message_ja: 'アクセスできません', message_en: 'forbidden' });

/**
 * @example toResponse(new ApiError(413, 'too_large', '大きすぎます', 'too large')) // { status: 413, body: '{"error":"too_large",…}' }
 */
export function toResponse(e: unknown): ApiResponse {
  if (e instanceof ApiError) {
    return json(e.status, {
      error: e.code,
      message_ja: e.message_ja,
      message_en: e.message_en,
      ...(e.problems ? { problems: e.problems } : {}),
    });
  }
  if (e instanceof ZodError) {
    const issues = e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return json(400, { error: 'invalid_request', message_ja: 'リクエストの形式に誤りがあります', message_en: 'invalid request', issues });
  }
  if (e instanceof InputError) {
    return json(400, { error: 'invalid_input', message_ja: '入力に誤りがあります', message_en: 'invalid input', problems: e.problems });
  }
  // An Error is logged with its name, message, stack and its cause chain, each cause the same way.
  logger.error('unhandled error', { error: e as Error });
  return json(500, { error: 'internal', message_ja: 'サーバーエラー', message_en: 'internal error' });
}
