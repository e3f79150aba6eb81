const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');

const client = jwksClient({ jwksUri: process.env.JWKS_URI, cache: true });

function getKey(kid) {
  return new Promise((resolve, reject) => {
    client.getSigningKey(kid, (err, key) => (err ? reject(err) : resolve(key.getPublicKey())));
  });
}

function policy(principalId, effect, resource, context) {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    context,
  };
}

// Legacy admin routes: still used by the back-office tooling.
exports.adminAuthorizer = async (event) => {
  const token = (event.authorizationToken || '').replace(/^Bearer /, '');
  const claims = jwt.decode(token); // Noncompliant THC005
  if (claims && claims['cognito:groups'] && claims['cognito:groups'].includes('admin')) {
    return policy(claims.sub, 'Allow', event.methodArn, { role: 'admin' });
  }
  return policy('anonymous', 'Deny', event.methodArn);
};

exports.partnerAuthorizer = async (event) => {
  const token = (event.authorizationToken || '').replace(/^Bearer /, '');
  const header = jwt.decode(token, { complete: true }).header;
  const key = await getKey(header.kid);
  const claims = jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: true }); // Noncompliant THC006
  return policy(claims.sub, 'Allow', event.methodArn, { partner: claims.partner_id });
};

exports.userAuthorizer = async (event) => {
  const token = (event.authorizationToken || '').replace(/^Bearer /, '');
  try {
    const { header } = jwt.decode(token, { complete: true });
    const key = await getKey(header.kid);
    const claims = jwt.verify(token, key, { algorithms: ['RS256'], audience: process.env.AUDIENCE, issuer: process.env.ISSUER });
    console.log('authorized user', claims.sub);
    return policy(claims.sub, 'Allow', event.methodArn, { scope: claims.scope });
  } catch (e) {
    console.warn('token rejected', e.name);
    return policy('anonymous', 'Deny', event.methodArn);
  }
};
