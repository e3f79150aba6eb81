import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'session' });

type TokenInfo = { tokenType: string; expiresIn: number };

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  logger.appendKeys({ requestId: event.requestContext.requestId });
  logger.info('refresh requested', { route: event.routeKey, stage: event.requestContext.stage });
  const refreshToken = JSON.parse(event.body ?? '{}').refreshToken as string | undefined;
  logger.info('refresh token present', { present: !!refreshToken, length: refreshToken?.length });
  const info: TokenInfo = { tokenType: 'Bearer', expiresIn: 3600 };
  logger.debug('issuing token', { tokenType: info.tokenType, expiresIn: info.expiresIn });
  const tokenUrl = process.env.TOKEN_ENDPOINT_URL;
  logger.info(`calling ${tokenUrl}`);
  return { statusCode: 200, body: JSON.stringify({ ok: true }) };
};
