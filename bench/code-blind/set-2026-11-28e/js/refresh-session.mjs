// POST /auth/refresh (HTTP API, payload format 2.0): renews the Cognito session from the refresh cookie.
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import pino from 'pino';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'session-refresh' } });
const cognito = new CognitoIdentityProviderClient({});
const sqs = new SQSClient({});

const CLIENT_ID = process.env.USER_POOL_CLIENT_ID;
const AUDIT_QUEUE_URL = process.env.AUDIT_QUEUE_URL;

const readCookie = (cookies = [], name) => {
  const match = cookies.find((c) => c.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
};

const json = (statusCode, body, cookies) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  cookies,
  body: JSON.stringify(body),
});

async function refresh(refreshToken) {
  const resp = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  return resp.AuthenticationResult;
}

export const handler = async (event, context) => {
  console.log('refresh event', JSON.stringify(event)); // Noncompliant THC002
  const log = logger.child({ requestId: context.awsRequestId });

  const refreshToken = readCookie(event.cookies, 'rt');
  if (!refreshToken) {
    log.info('no refresh cookie present');
    return json(401, { message: 'Session expired' });
  }
  log.debug({ refreshTokenLength: refreshToken.length }, 'refreshing session');

  let auth;
  try {
    auth = await refresh(refreshToken);
    log.info({ auth }, 'session refreshed'); // Noncompliant THC001
  } catch (err) {
    log.warn({ errorName: err.name }, 'refresh rejected');
    return json(401, { message: 'Session expired' });
  }

  const audit = {
    type: 'SESSION_REFRESHED',
    requestId: context.awsRequestId,
    sourceIp: event.requestContext?.http?.sourceIp,
    idToken: auth.IdToken,
  };
  await sqs.send(new SendMessageCommand({ QueueUrl: AUDIT_QUEUE_URL, MessageBody: JSON.stringify(audit) })); // Noncompliant THC009

  const cookies = [`rt=${encodeURIComponent(refreshToken)}; Path=/auth; Max-Age=2592000; HttpOnly; Secure; SameSite=Strict`];
  cookies.push(`at=${auth.AccessToken}; Path=/; Max-Age=${auth.ExpiresIn}; SameSite=Lax`); // Noncompliant THC007

  log.info({ expiresIn: auth.ExpiresIn }, 'refresh complete');
  return json(200, { expiresIn: auth.ExpiresIn }, cookies);
};
