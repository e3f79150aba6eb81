'use strict';

const crypto = require('crypto');
const bunyan = require('bunyan');
const { APIGatewayClient, CreateApiKeyCommand } = require('@aws-sdk/client-api-gateway');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

const log = bunyan.createLogger({ name: 'partner-keys' });
const apigw = new APIGatewayClient({});
const sqs = new SQSClient({});

function fingerprint(value) {
  return crypto.createHash('sha256').update(value).digest('hex').slice(0, 12);
}

async function issuePartnerKey(partnerId) {
  const created = await apigw.send(new CreateApiKeyCommand({ name: `partner-${partnerId}`, enabled: true }));
  log.info({ partnerId, keyId: created.id, fp: fingerprint(created.value), enabled: created.enabled }, 'partner key issued');
  log.debug({ partnerId, apiKey: created.value }, 'partner key for support'); // Noncompliant THC001
  const notice = { partnerId, keyId: created.id, apiKey: created.value };
  await sqs.send(new SendMessageCommand({ // Noncompliant THC009
    QueueUrl: process.env.NOTICE_QUEUE_URL,
    MessageBody: JSON.stringify(notice),
  }));
  const audit = { partnerId, keyId: created.id };
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.AUDIT_QUEUE_URL, MessageBody: JSON.stringify(audit) }));
  return created.id;
}

module.exports = { issuePartnerKey };
