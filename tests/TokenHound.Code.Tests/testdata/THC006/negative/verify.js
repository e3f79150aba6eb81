const jwt = require('jsonwebtoken');
const { CognitoJwtVerifier } = require('aws-jwt-verify');

const idTokenVerifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID,
  tokenUse: 'id',
  clientId: process.env.APP_CLIENT_ID,
});

async function check(token, key) {
  const claims = jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: false, audience: 'orders' });
  await idTokenVerifier.verify(token);
  return claims;
}

module.exports = { check };
