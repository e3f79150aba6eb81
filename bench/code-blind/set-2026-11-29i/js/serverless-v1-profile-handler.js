'use strict';

// Serverless Framework v1 handlers (runtime nodejs8.10 at the time), still on aws-sdk v2
// with callbacks. Carved out of the old "accounts-api" Express app; see serverless.yml
// functions.getProfile / functions.updateProfile.

const AWS = require('aws-sdk');
const jwt = require('jsonwebtoken');

const TABLE = process.env.PROFILE_TABLE || 'legacy-profiles';
const AUDIT_BUCKET = process.env.AUDIT_BUCKET || 'accounts-audit-legacy';
const JWT_PUBLIC_KEY = process.env.JWT_PUBLIC_KEY;

// TODO(migration): drop once the function runs under its own IAM role
const dynamo = new AWS.DynamoDB.DocumentClient({ // Noncompliant THC008
  region: 'us-east-1',
  accessKeyId: 'AKIAZ7FAKEQ2MB7XLR4N',
  secretAccessKey: 'xR9vFAKEdynamoLegacySecret0000000000000000',
});

// the audit bucket already uses the Lambda execution role (default provider chain)
const s3 = new AWS.S3({ region: 'us-east-1', signatureVersion: 'v4' });

function respond(callback, statusCode, payload) {
  callback(null, {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify(payload),
  });
}

function bearer(headers) {
  const raw = (headers && (headers.Authorization || headers.authorization)) || '';
  return raw.replace(/^Bearer\s+/i, '');
}

function audit(entry, done) {
  const key = `profiles/${new Date().toISOString().slice(0, 10)}/${entry.requestId}.json`;
  s3.putObject({ Bucket: AUDIT_BUCKET, Key: key, Body: JSON.stringify(entry) }, done);
}

module.exports.getProfile = (event, context, callback) => {
  console.log('getProfile invoked', JSON.stringify(event)); // Noncompliant THC002
  console.log('requestId=%s stage=%s', context.awsRequestId, event.requestContext && event.requestContext.stage);

  const token = bearer(event.headers);
  const claims = jwt.decode(token); // Noncompliant THC005
  if (!claims || claims['custom:tier'] !== 'staff') {
    return respond(callback, 403, { message: 'forbidden' });
  }

  const params = { TableName: TABLE, Key: { userId: event.pathParameters.userId } };
  dynamo.get(params, (err, data) => {
    if (err) {
      return callback(null, { statusCode: 500, body: JSON.stringify({ message: err.message, stack: err.stack }) }); // Noncompliant THC003
    }
    if (!data.Item) {
      return respond(callback, 404, { message: 'not found' });
    }
    return respond(callback, 200, data.Item);
  });
};

module.exports.updateProfile = (event, context, callback) => {
  const token = bearer(event.headers);
  jwt.verify(token, JWT_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'accounts-api' }, (verr) => {
    if (verr) {
      console.warn('token rejected: %s (requestId=%s)', verr.name, context.awsRequestId);
      return respond(callback, 401, { message: 'unauthorized' });
    }
    // signature already checked above; decode only to read the subject
    const { sub } = jwt.decode(token);
    const body = JSON.parse(event.body || '{}');
    const params = {
      TableName: TABLE,
      Key: { userId: sub },
      UpdateExpression: 'SET displayName = :n, locale = :l',
      ExpressionAttributeValues: { ':n': body.displayName, ':l': body.locale || 'en-US' },
    };
    dynamo.update(params, (err) => {
      if (err) {
        console.error('update failed code=%s requestId=%s', err.code, context.awsRequestId);
        return respond(callback, 500, { message: 'internal error', requestId: context.awsRequestId });
      }
      audit({ requestId: context.awsRequestId, userId: sub, action: 'update' }, () => {
        respond(callback, 204, {});
      });
    });
  });
};
