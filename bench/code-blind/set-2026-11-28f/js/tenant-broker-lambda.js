'use strict';

const AWS = require('aws-sdk');
const jwt = require('jsonwebtoken');

AWS.config.update({ // Noncompliant THC008
  region: process.env.AWS_REGION,
  accessKeyId: process.env.BROKER_ACCESS_KEY_ID,
  secretAccessKey: process.env.BROKER_SECRET_ACCESS_KEY,
});

const sts = new AWS.STS();
const lambda = new AWS.Lambda();

const TENANT_ROLES = {
  acme: 'arn:aws:iam::111122223333:role/tenant-acme-data',
  globex: 'arn:aws:iam::444455556666:role/tenant-globex-data',
  initech: 'arn:aws:iam::777788889999:role/tenant-initech-data',
};

function bearer(headers) {
  const h = headers.Authorization || headers.authorization || '';
  return h.startsWith('Bearer ') ? h.slice(7) : null;
}

function assumeTenantRole(roleArn, tenantId, cb) {
  const params = { RoleArn: roleArn, RoleSessionName: `tenant-${tenantId}`, DurationSeconds: 900 };
  sts.assumeRole(params, (err, data) => {
    if (err) return cb(err);
    console.log('assumed tenant role', roleArn, data.Credentials); // Noncompliant THC001
    return cb(null, data);
  });
}

function respond(callback, statusCode, body) {
  callback(null, { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

exports.handler = (event, context, callback) => {
  const path = event.requestContext && event.requestContext.http ? event.requestContext.http.path : event.path;
  console.log('export request', context.awsRequestId, path);
  const token = bearer(event.headers || {});
  if (!token) {
    return respond(callback, 401, { message: 'Unauthorized' });
  }

  const claims = jwt.decode(token); // Noncompliant THC005
  const tenantId = claims && claims['custom:tenant_id'];
  const roleArn = TENANT_ROLES[tenantId];
  if (!roleArn) {
    return respond(callback, 403, { message: 'Unknown tenant' });
  }

  return assumeTenantRole(roleArn, tenantId, (err, data) => {
    if (err) {
      console.error('assumeRole failed', { tenantId, code: err.code, requestId: context.awsRequestId });
      return respond(callback, 500, { message: 'Internal error' });
    }
    console.log('session expires', data.Credentials.Expiration.toISOString(), 'as', data.AssumedRoleUser.Arn);

    const payload = {
      tenantId,
      exportId: event.pathParameters && event.pathParameters.exportId,
      requestedBy: claims.sub,
      credentials: {
        accessKeyId: data.Credentials.AccessKeyId,
        secretAccessKey: data.Credentials.SecretAccessKey,
        sessionToken: data.Credentials.SessionToken,
      },
    };
    lambda.invoke( // Noncompliant THC009
      { FunctionName: process.env.EXPORT_FUNCTION, InvocationType: 'Event', Payload: JSON.stringify(payload) },
      (invokeErr) => {
        if (invokeErr) {
          console.error('export dispatch failed', invokeErr.code);
          return respond(callback, 502, { message: 'Export could not be started' });
        }
        return respond(callback, 202, { status: 'started', exportId: payload.exportId });
      }
    );
  });
};
