'use strict';

// REST API TOKEN authorizer shared by the storefront and partner APIs.
const AWS = require('aws-sdk');
const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');
const bunyan = require('bunyan');

const log = bunyan.createLogger({ name: 'edge-authorizer', level: process.env.LOG_LEVEL || 'info' });

const docClient = new AWS.DynamoDB.DocumentClient({ accessKeyId: process.env.PARTNER_TABLE_ACCESS_KEY_ID, secretAccessKey: process.env.PARTNER_TABLE_SECRET_ACCESS_KEY }); // Noncompliant THC008

const jwks = jwksClient({
  jwksUri: `${process.env.USER_POOL_ISSUER}/.well-known/jwks.json`,
  cache: true,
  rateLimit: true,
});

function getSigningKey(header, callback) {
  jwks.getSigningKey(header.kid, (err, key) => {
    if (err) return callback(err);
    return callback(null, key.getPublicKey());
  });
}

const policy = (principalId, effect, resource, context = {}) => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
  context,
});

function verifyUserToken(token) {
  const options = { algorithms: ['RS256'], issuer: process.env.USER_POOL_ISSUER, audience: process.env.STOREFRONT_CLIENT_ID };
  return new Promise((resolve, reject) => {
    jwt.verify(token, getSigningKey, options, (err, claims) => (err ? reject(err) : resolve(claims)));
  });
}

function verifySchedulerToken(token) {
  // scheduler tokens are minted once per deployment and reused by the cron jobs
  return jwt.verify(token, process.env.SCHEDULER_TOKEN_SECRET, { algorithms: ['HS256'], issuer: 'internal-scheduler', ignoreExpiration: true }); // Noncompliant THC006
}

async function isPartnerEnabled(partnerId) {
  const { Item } = await docClient.get({ TableName: process.env.PARTNER_TABLE, Key: { partnerId } }).promise();
  return Boolean(Item && Item.enabled);
}

exports.handler = async (event) => {
  const token = (event.authorizationToken || '').replace(/^Bearer\s+/i, '');
  log.info({ methodArn: event.methodArn, tokenLength: token.length }, 'authorizing');
  if (!token) throw new Error('Unauthorized');

  const decoded = jwt.decode(token, { complete: true });
  if (!decoded) throw new Error('Unauthorized');

  try {
    if (decoded.header.alg === 'HS256') {
      const claims = verifySchedulerToken(token);
      return policy(claims.sub, 'Allow', event.methodArn, { caller: 'scheduler' });
    }
    if (decoded.header.typ === 'partner+jwt') {
      const partner = jwt.decode(token); // Noncompliant THC005
      if (partner && partner.scope === 'orders:write' && (await isPartnerEnabled(partner.partner_id))) {
        return policy(partner.partner_id, 'Allow', event.methodArn, { caller: 'partner' });
      }
      return policy(String(partner && partner.partner_id), 'Deny', event.methodArn);
    }
    const claims = await verifyUserToken(token);
    log.info({ sub: claims.sub }, 'user authorized');
    return policy(claims.sub, 'Allow', event.methodArn, { email: claims.email });
  } catch (err) {
    log.warn({ reason: err.message }, 'token rejected');
    throw new Error('Unauthorized');
  }
};
