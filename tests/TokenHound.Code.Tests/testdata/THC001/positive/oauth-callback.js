const { Logger } = require('@aws-lambda-powertools/logger');

const logger = new Logger({ serviceName: 'portal' });

async function exchangeCode(code, verifier) {
  const res = await fetch(`${process.env.COGNITO_DOMAIN}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier }),
  });
  return res.json();
}

// a variable named just `tokens` holds a token set
exports.handler = async (event) => {
  const tokens = await exchangeCode(event.queryStringParameters.code, event.cookies?.[0]);
  logger.debug('token exchange complete', { tokens }); // Noncompliant
  logger.info('issued session', { expiresIn: tokens.expires_in, idTokenLength: tokens.id_token.length });
  return { statusCode: 302, headers: { Location: '/' } };
};
