const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');
const { CognitoJwtVerifier } = require('aws-jwt-verify');

const jwks = jwksClient({ jwksUri: process.env.JWKS_URI });

const idVerifier = CognitoJwtVerifier.create({ userPoolId: process.env.USER_POOL_ID, tokenUse: 'id', clientId: null }); // Noncompliant THC006
const accessVerifier = CognitoJwtVerifier.create({ userPoolId: process.env.USER_POOL_ID, tokenUse: 'access', clientId: process.env.APP_CLIENT_ID });

function getKey(header, cb) {
  jwks.getSigningKey(header.kid, (err, key) => cb(err, key && key.getPublicKey()));
}

function verifyPartnerToken(token) {
  return new Promise((resolve, reject) => {
    jwt.verify(token, getKey, { algorithms: ['RS256'], issuer: process.env.PARTNER_ISS, ignoreExpiration: true }, (err, decoded) => { // Noncompliant THC006
      if (err) return reject(err);
      resolve(decoded);
    });
  });
}

async function verifyInternal(token) {
  const payload = jwt.verify(token, process.env.INTERNAL_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'orders' });
  const { header } = jwt.decode(token, { complete: true });
  return { payload, kid: header.kid };
}

exports.handler = async (event) => {
  const token = (event.headers.authorization || '').replace('Bearer ', '');
  if (event.headers['x-partner']) {
    const partner = await verifyPartnerToken(token);
    return { statusCode: 200, body: JSON.stringify({ partner: partner.sub }) };
  }
  const idClaims = await idVerifier.verify(token);
  const accessClaims = await accessVerifier.verify(event.headers['x-access-token']);
  const internal = await verifyInternal(token);
  return { statusCode: 200, body: JSON.stringify({ user: idClaims.sub, scope: accessClaims.scope, kid: internal.kid }) };
};
