// Holdout sample: written after the rules were tuned, never used to tune them. Annotations name their rule.
const { CognitoIdentityProviderClient, InitiateAuthCommand } = require('@aws-sdk/client-cognito-identity-provider');
const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');

const cognito = new CognitoIdentityProviderClient({});
const bus = new EventBridgeClient({});

exports.refresh = async (event) => {
  const { refreshToken, username } = JSON.parse(event.body || '{}');
  console.log(`refresh for ${username}`);
  const out = await cognito.send(new InitiateAuthCommand({
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: process.env.CLIENT_ID,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  }));
  const tokens = out.AuthenticationResult;
  console.debug('cognito result', tokens); // Noncompliant THC001
  await bus.send(new PutEventsCommand({ // Noncompliant THC009
    Entries: [{ Source: 'auth', DetailType: 'Refreshed', Detail: JSON.stringify({ username, idToken: tokens.IdToken }) }],
  }));
  return {
    statusCode: 200,
    headers: { 'Set-Cookie': `id_token=${tokens.IdToken}; Secure; HttpOnly; SameSite=Strict` },
    body: JSON.stringify({ expiresIn: tokens.ExpiresIn }),
  };
};

exports.errors = async (event) => {
  try {
    return { statusCode: 200, body: '{}' };
  } catch (e) {
    console.error(e);
    return { statusCode: 500, body: JSON.stringify({ error: e.toString(), stack: e.stack }) }; // Noncompliant THC003
  }
};
