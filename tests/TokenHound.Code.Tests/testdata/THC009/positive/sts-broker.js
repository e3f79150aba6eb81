// Assumes a tenant role through a helper and forwards the credentials to a worker queue.
const AWS = require('aws-sdk');
const sqs = new AWS.SQS();
const { assumeTenantRole } = require('./sts');

exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  const creds = await assumeTenantRole(body.tenantId);
  await sqs.sendMessage({ // Noncompliant
    QueueUrl: process.env.QUEUE_URL,
    MessageBody: JSON.stringify({ ...body, credentials: creds }),
  }).promise();
  await sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify({ ...body, expires: creds.Expiration }) }).promise();
  return { statusCode: 202, body: '' };
};
