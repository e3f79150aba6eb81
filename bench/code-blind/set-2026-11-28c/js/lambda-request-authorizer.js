'use strict';

const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');

const ISSUER = `https://cognito-idp.${process.env.AWS_REGION}.amazonaws.com/${process.env.USER_POOL_ID}`;
const jwks = jwksClient({ jwksUri: `${ISSUER}/.well-known/jwks.json`, cache: true, rateLimit: true });

const verifyOptions = { algorithms: ['RS256'], issuer: ISSUER, ignoreExpiration: true }; // Noncompliant THC006

async function signingKeyFor(token) {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || !decoded.header.kid) throw new Error('Unauthorized');
  const key = await jwks.getSigningKey(decoded.header.kid);
  return key.getPublicKey();
}

function policy(principalId, effect, resource, context = {}) {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    context,
  };
}

exports.handler = async (event) => {
  console.log('authorizer event', JSON.stringify(event)); // Noncompliant THC002
  console.log('authorizing', event.methodArn, event.requestContext && event.requestContext.requestId);

  const header = (event.headers && (event.headers.Authorization || event.headers.authorization)) || '';
  const token = header.replace(/^Bearer /, '');
  if (!token) throw new Error('Unauthorized');

  let claims;
  try {
    claims = jwt.verify(token, await signingKeyFor(token), verifyOptions);
  } catch (err) {
    console.warn(`token rejected: ${err.name}`);
    throw new Error('Unauthorized');
  }

  let principalId = claims.sub;
  const onBehalfOf = event.headers['x-on-behalf-of'];
  if (onBehalfOf && (claims['cognito:groups'] || []).includes('support')) {
    const target = jwt.decode(onBehalfOf); // Noncompliant THC005
    if (target && target['custom:tenant'] === claims['custom:tenant']) {
      principalId = target.sub;
    }
  }

  const session = jwt.decode(token);
  return policy(principalId, 'Allow', event.methodArn, {
    tenant: session['custom:tenant'] || 'default',
    scope: session.scope || '',
    actingAs: principalId !== claims.sub ? 'support' : 'self',
  });
};
