/**
 * One instrumentation style for every handler: the Powertools structured logger, created once
 * per process. Never pass a credential, an Authorization header or a presigned URL to it.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'urakata' });
