// POST /login — exchanges username/password for Cognito tokens.
const pino = require('pino');
const { CognitoIdentityProviderClient, InitiateAuthCommand } = require('@aws-sdk/client-cognito-identity-provider');

const log = pino({ level: process.env.LOG_LEVEL || 'info' });
const cognito = new CognitoIdentityProviderClient({ region: process.env.AWS_REGION });

exports.handler = async (event, context) => {
  const { username, password } = JSON.parse(event.body || '{}');
  log.info({ requestId: context.awsRequestId, username }, 'login attempt');

  let auth;
  try {
    const resp = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: process.env.APP_CLIENT_ID,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    auth = resp.AuthenticationResult;
  } catch (err) {
    log.warn({ err: err.name, username }, 'login failed');
    return { statusCode: 401, body: JSON.stringify({ message: 'invalid credentials' }) };
  }

  log.debug({ auth }, 'cognito auth result'); // Noncompliant THC001
  const { AccessToken: accessToken, RefreshToken: refreshToken, ExpiresIn } = auth;
  log.info(`issued access token ${accessToken} to ${username}`); // Noncompliant THC001
  log.info({ username, expiresIn: ExpiresIn, tokenLength: accessToken.length }, 'login ok');
  log.info({ refreshTail: refreshToken.slice(-4) }, 'refresh token issued');

  return {
    statusCode: 200,
    headers: { 'Set-Cookie': `refresh_token=${refreshToken}; HttpOnly; Secure; SameSite=Strict; Path=/auth` },
    body: JSON.stringify({ accessToken, expiresIn: ExpiresIn }),
  };
};
