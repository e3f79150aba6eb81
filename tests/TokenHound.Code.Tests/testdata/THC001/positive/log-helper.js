const { CognitoIdentityProviderClient, InitiateAuthCommand } = require('@aws-sdk/client-cognito-identity-provider');

const cognito = new CognitoIdentityProviderClient({});

// a logging helper of this file: what is passed to it is logged
const logEvent = (msg, meta = {}) => {
  console.info(JSON.stringify({ level: 'info', msg, ts: Date.now(), ...meta }));
};

function audit(action, detail) {
  console.log(`[audit] ${action}: ${JSON.stringify(detail)}`);
}

module.exports.handler = async (event) => {
  const { username, password } = JSON.parse(event.body);
  const result = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: process.env.CLIENT_ID, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  const tokens = result.AuthenticationResult;
  logEvent('session established', { user: username, tokens }); // Noncompliant
  audit('login', event.headers); // Noncompliant THC002
  return { statusCode: 200, body: JSON.stringify({ ok: true }) };
};
