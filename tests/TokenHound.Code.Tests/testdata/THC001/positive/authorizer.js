'use strict';

const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const jwt = require('jsonwebtoken');

const secrets = new SecretsManagerClient({});
const logger = require('./logger');

exports.handler = async (event, context) => {
  console.log('Authorizer invoked for', event.methodArn);
  console.log('Incoming token:', event.authorizationToken); // Noncompliant
  const authHeader = event.headers?.Authorization || event.headers?.authorization;
  console.info(`auth header = ${authHeader}`); // Noncompliant
  const token = authHeader.replace(/^Bearer\s+/i, '');
  logger.debug({ msg: 'verifying', token }); // Noncompliant

  const res = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.SIGNING_SECRET_ARN }));
  const signingKey = res.SecretString;
  console.log('loaded signing key ' + signingKey); // Noncompliant
  console.log('secret version', res.VersionId);

  try {
    const claims = jwt.verify(token, signingKey, { algorithms: ['HS256'] });
    console.log('verified subject', claims.sub);
    return allow(claims.sub, event.methodArn);
  } catch (err) {
    console.error('verification failed', err.message, 'for token', token); // Noncompliant
    throw new Error('Unauthorized');
  }
};

function allow(principalId, resource) {
  const apiKey = process.env.PARTNER_API_KEY;
  console.warn( // Noncompliant
    'allowing with partner key',
    apiKey,
  );
  return { principalId, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }] } };
}
