import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpErrorHandler from '@middy/http-error-handler';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

// serverless.yml: functions.refresh -> POST /auth/refresh (mobile apps)
const logger = new Logger({ serviceName: 'mobile-auth' });
const tracer = new Tracer({ serviceName: 'mobile-auth' });
const cognito = tracer.captureAWSv3Client(new CognitoIdentityProviderClient({}));
const lambda = new LambdaClient({});

const CLIENT_ID = process.env.APP_CLIENT_ID ?? '';
const PROFILE_SYNC_FN = process.env.PROFILE_SYNC_FUNCTION ?? 'profile-sync';

type RefreshBody = { refreshToken?: string; deviceKey?: string };
type RefreshEvent = Omit<APIGatewayProxyEvent, 'body'> & { body: RefreshBody | null };

async function refresh(refreshToken: string, deviceKey?: string): Promise<AuthenticationResultType | undefined> {
  const out = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { REFRESH_TOKEN: refreshToken, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
    }),
  );
  logger.debug('cognito refresh result', { result: out.AuthenticationResult }); // Noncompliant THC001
  return out.AuthenticationResult;
}

const baseHandler = async (event: RefreshEvent): Promise<APIGatewayProxyResult> => {
  const { refreshToken, deviceKey } = event.body ?? {};
  if (!refreshToken) {
    return { statusCode: 400, body: JSON.stringify({ message: 'refreshToken is required' }) };
  }
  logger.info('refresh requested', { refreshTokenLength: refreshToken.length, hasDeviceKey: Boolean(deviceKey) });

  try {
    const auth = await refresh(refreshToken, deviceKey);
    if (!auth?.AccessToken) {
      return { statusCode: 401, body: JSON.stringify({ message: 'Unauthorized' }) };
    }

    // keep the profile cache warm; the sync function calls /userInfo on the user's behalf
    await lambda.send(new InvokeCommand({ // Noncompliant THC009
      FunctionName: PROFILE_SYNC_FN,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify({ accessToken: auth.AccessToken, deviceKey })),
    }));

    logger.info('refresh ok', { expiresIn: auth.ExpiresIn, tokenType: auth.TokenType });
    return {
      statusCode: 200,
      body: JSON.stringify({ accessToken: auth.AccessToken, idToken: auth.IdToken, expiresIn: auth.ExpiresIn }),
    };
  } catch (err) {
    const e = err as Error;
    logger.error('refresh failed', e);
    return { statusCode: 500, body: JSON.stringify({ message: 'refresh failed', error: e.name, stack: e.stack }) }; // Noncompliant THC003
  }
};

export const handler = middy(baseHandler).use(injectLambdaContext(logger, { logEvent: true, clearState: true })) // Noncompliant THC002
  .use(captureLambdaHandler(tracer))
  .use(httpJsonBodyParser())
  .use(httpErrorHandler());
