const { CognitoIdentityProviderClient, InitiateAuthCommand } = require('@aws-sdk/client-cognito-identity-provider');

const cognito = new CognitoIdentityProviderClient({});

const logEvent = (msg, meta = {}) => {
  console.info(JSON.stringify({ level: 'info', msg, ts: Date.now(), ...meta }));
};

// stores the value, logs only its length
function remember(store, value) {
  console.log(`remembering a value of ${value.length} chars`);
  store.push(value);
}

module.exports.handler = async (event) => {
  const { username, password } = JSON.parse(event.body);
  const result = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: process.env.CLIENT_ID, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  const tokens = result.AuthenticationResult;
  logEvent('session established', { user: username, expiresIn: tokens.ExpiresIn, requestId: event.requestContext.requestId });
  remember([], tokens.IdToken);
  return { statusCode: 200, body: JSON.stringify({ ok: true }) };
};
