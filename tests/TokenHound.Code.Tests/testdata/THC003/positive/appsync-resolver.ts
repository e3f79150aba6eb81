import type { AppSyncResolverEvent, Context } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'ops-graphql' });

type Args = { accountId?: string };

export const handler = async (event: AppSyncResolverEvent<Args>, context: Context) => {
  const field = `${event.info.parentTypeName}.${event.info.fieldName}`;
  try {
    return await resolve(field, event.arguments);
  } catch (err) {
    const e = err as Error;
    logger.error('resolver failed', { field, errorName: e.name, requestId: context.awsRequestId });
    if (field === 'Query.health') {
      return { __typename: 'ResolverError', message: 'health check failed' };
    }
    return { __typename: 'ResolverError', message: e.message, detail: e.stack }; // Noncompliant
  }
};

async function resolve(field: string, args: Args): Promise<unknown> {
  return { field, args };
}
