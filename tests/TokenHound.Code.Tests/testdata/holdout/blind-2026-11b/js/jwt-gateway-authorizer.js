'use strict';

const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');

const ISSUER = process.env.TOKEN_ISSUER;
const AUDIENCE = process.env.TOKEN_AUDIENCE;
const client = jwksClient({ jwksUri: `${ISSUER}/.well-known/jwks.json`, cache: true, rateLimit: true });

function getSigningKey(header, callback) {
  client.getSigningKey(header.kid, (err, key) => {
    if (err) return callback(err);
    callback(null, key.getPublicKey());
  });
}

function buildPolicy(principalId, effect, resource, context = {}) {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    context,
  };
}

function extractBearer(headerValue) {
  if (!headerValue) return null;
  const [scheme, value] = headerValue.split(' ');
  return scheme && scheme.toLowerCase() === 'bearer' ? value : null;
}

function verifyAsync(token) {
  return new Promise((resolve, reject) => {
    jwt.verify(token, getSigningKey, { audience: AUDIENCE, issuer: ISSUER, algorithms: ['RS256'] }, (err, decoded) => {
      if (err) return reject(err);
      resolve(decoded);
    });
  });
}

// Main authorizer: verifies signature then reads header for kid logging
exports.authorize = async (event) => {
  const token = extractBearer(event.headers && event.headers.Authorization);
  if (!token) return buildPolicy('anonymous', 'Deny', event.methodArn);
  try {
    const claims = await verifyAsync(token);
    const full = jwt.decode(token, { complete: true });
    console.log('authorized', claims.sub, 'kid', full.header.kid);
    return buildPolicy(claims.sub, 'Allow', event.methodArn, { tenant: claims['custom:tenant'] });
  } catch (err) {
    console.warn('token rejected', err.name);
    return buildPolicy('anonymous', 'Deny', event.methodArn);
  }
};

// Legacy admin authorizer kept for the v1 stage
exports.authorizeAdmin = async (event) => {
  const token = extractBearer(event.authorizationToken);
  const claims = jwt.decode(token); // Noncompliant THC005
  if (claims && Array.isArray(claims['cognito:groups']) && claims['cognito:groups'].includes('admin')) {
    return buildPolicy(claims.sub, 'Allow', event.methodArn);
  }
  return buildPolicy('anonymous', 'Deny', event.methodArn);
};

// Batch re-validation used by the reporting job; tolerates expired tokens
exports.revalidate = (token, secret) => jwt.verify(token, secret, { // Noncompliant THC006
  algorithms: ['HS256'],
  audience: AUDIENCE,
  ignoreExpiration: true,
});

exports.extractBearer = extractBearer;
