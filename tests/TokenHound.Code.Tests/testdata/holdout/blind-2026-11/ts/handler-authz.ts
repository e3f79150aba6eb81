import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { getUser } from './users';

const logger = new Logger({ serviceName: 'profile' });

export const handler = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  const { authorization, cookie, ...safeHeaders } = event.headers;
  logger.info('headers', { headers: safeHeaders });
  logger.debug(`authorization=${authorization}`); // Noncompliant THC001
  logger.debug('cookie header', { cookie }); // Noncompliant THC001
  logger.info('caller', { requestId: event.requestContext.requestId, sourceIp: event.requestContext.identity.sourceIp });

  const bearer = authorization?.startsWith('Bearer ') ? authorization.substring(7) : undefined;
  if (!bearer) {
    logger.warn('no bearer token', { hasAuthorization: authorization !== undefined });
    return { statusCode: 401, body: JSON.stringify({ message: 'unauthorized' }) };
  }
  logger.info('bearer prefix', { prefix: bearer.substring(0, 6) });

  const claims = event.requestContext.authorizer?.claims as Record<string, string>;
  const user = await getUser(claims.sub);
  logger.info('loaded user', { userId: user.id });
  return { statusCode: 200, body: JSON.stringify(user) };
};
