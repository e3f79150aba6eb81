// AppSync resolver, a minimal API endpoint filter's header dump, and Powertools' logEvent option.
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { AppSyncResolverHandler } from 'aws-lambda';

const logger = new Logger();

const resolve: AppSyncResolverHandler<{ id: string }, { id: string }> = async (event) => {
  logger.info({ headers: event.request.headers }, 'resolver invoked'); // Noncompliant
  logger.info('resolver invoked', { field: event.info.fieldName });
  return { id: event.arguments.id };
};

export const handler = middy(resolve).use(injectLambdaContext(logger, { logEvent: true })); // Noncompliant
