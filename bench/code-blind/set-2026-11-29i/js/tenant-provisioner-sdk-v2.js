'use strict';

// SQS-triggered tenant provisioner (aws-sdk v2, callback style). Runs in the shared
// "reporting" account and reaches into it with long-lived keys until the role
// migration ticket (OPS-2231) lands.

const AWS = require('aws-sdk');

AWS.config.update({ // Noncompliant THC008
  region: process.env.AWS_REGION || 'eu-west-1',
  accessKeyId: process.env.REPORTING_AWS_ACCESS_KEY_ID,
  secretAccessKey: process.env.REPORTING_AWS_SECRET_ACCESS_KEY,
});

const secretsManager = new AWS.SecretsManager();
const sqs = new AWS.SQS();
const sns = new AWS.SNS();
const lambda = new AWS.Lambda();
const stepfunctions = new AWS.StepFunctions();

const MIGRATOR_FN = process.env.MIGRATOR_FUNCTION || 'tenant-schema-migrator';
const BOOTSTRAP_QUEUE_URL = process.env.BOOTSTRAP_QUEUE_URL;
const EVENTS_TOPIC_ARN = process.env.EVENTS_TOPIC_ARN;

function loadTenantSecret(tenantId, cb) {
  const secretId = `tenants/${tenantId}/db`;
  console.log('loading secret', secretId);
  secretsManager.getSecretValue({ SecretId: secretId }, (err, data) => {
    if (err) return cb(err);
    console.log('db secret payload: ' + data.SecretString); // Noncompliant THC001
    let parsed;
    try {
      parsed = JSON.parse(data.SecretString);
    } catch (e) {
      return cb(new Error(`secret ${data.ARN} is not JSON`));
    }
    return cb(null, parsed, data.ARN);
  });
}

function provision(msg, done) {
  loadTenantSecret(msg.tenantId, (err, secret, secretArn) => {
    if (err) return done(err);

    sqs.sendMessage({ // Noncompliant THC009
      QueueUrl: BOOTSTRAP_QUEUE_URL,
      MessageBody: JSON.stringify({ tenantId: msg.tenantId, dbUser: secret.username, dbPassword: secret.password }),
    }, (qErr) => {
      if (qErr) return done(qErr);

      lambda.invoke({ // Noncompliant THC009
        FunctionName: MIGRATOR_FN,
        InvocationType: 'Event',
        Payload: JSON.stringify({ tenantId: msg.tenantId, connection: secret }),
      }, (lErr) => {
        if (lErr) return done(lErr);

        // downstream consumers resolve the secret themselves from the ARN
        sns.publish({
          TopicArn: EVENTS_TOPIC_ARN,
          Message: JSON.stringify({ type: 'tenant.provisioned', tenantId: msg.tenantId, secretArn }),
        }, (sErr) => {
          if (sErr) return done(sErr);
          if (!msg.taskToken) return done();
          stepfunctions.sendTaskSuccess({
            taskToken: msg.taskToken,
            output: JSON.stringify({ tenantId: msg.tenantId, status: 'PROVISIONED' }),
          }, done);
        });
      });
    });
  });
}

exports.handler = (event, context, callback) => {
  const records = event.Records || [];
  console.log('requestId=%s records=%d', context.awsRequestId, records.length);
  let pending = records.length;
  const failures = [];
  if (pending === 0) return callback(null, { batchItemFailures: [] });
  records.forEach((record) => {
    provision(JSON.parse(record.body), (err) => {
      if (err) {
        console.error('provisioning failed messageId=%s: %s', record.messageId, err.code || err.name);
        failures.push({ itemIdentifier: record.messageId });
      }
      pending -= 1;
      if (pending === 0) callback(null, { batchItemFailures: failures });
    });
  });
};
