'use strict';

const jwt = require('jsonwebtoken');
const crypto = require('crypto');

const redact = (value) => (value ? `${value.slice(0, 4)}…` : '<none>');

exports.handler = async (event, context) => {
  console.log('request id', event.requestContext.requestId);
  console.log('path', event.rawPath, 'method', event.requestContext.http.method);
  const token = (event.headers.authorization || '').replace('Bearer ', '');
  console.log('token length', token.length);
  console.log('token (masked)', redact(token));
  console.log('token fingerprint', crypto.createHash('sha256').update(token).digest('hex'));
  console.log('has token:', Boolean(token), 'starts with eyJ:', token.startsWith('eyJ'));
  console.log(`Validating token for request ${context.awsRequestId}`);
  const tokenExpiry = Number(event.headers['x-token-expiry'] || 0);
  console.log('token expiry', tokenExpiry);

  let claims;
  try {
    claims = jwt.verify(token, process.env.PUBLIC_KEY, { algorithms: ['RS256'] });
  } catch (err) {
    console.error('token rejected:', err.name, err.message);
    return { statusCode: 401, body: JSON.stringify({ message: 'Unauthorized' }) };
  }

  console.info('authenticated user', claims.sub, 'scopes', claims.scope);
  console.log('user agent', event.headers['user-agent']);
  return { statusCode: 200, body: JSON.stringify({ user: claims.sub }) };
};
