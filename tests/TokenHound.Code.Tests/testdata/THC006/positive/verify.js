const jwt = require('jsonwebtoken');
const { CognitoJwtVerifier } = require('aws-jwt-verify');

const idTokenVerifier = CognitoJwtVerifier.create({ // Noncompliant
  userPoolId: process.env.USER_POOL_ID,
  tokenUse: 'id',
  clientId: null,
});

const accessVerifier = CognitoJwtVerifier.create({ userPoolId: process.env.USER_POOL_ID, tokenUse: 'access' }); // Noncompliant

async function check(token, key) {
  const claims = jwt.verify(token, key, { // Noncompliant
    algorithms: ['RS256'],
    ignoreExpiration: true,
  });
  await idTokenVerifier.verify(token);
  await accessVerifier.verify(token);
  return claims;
}

module.exports = { check };
