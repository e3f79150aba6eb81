'use strict';

// Lambda consumer for the partner-audit Kinesis stream. Decodes partner audit
// records, persists them and fans them out to the partner webhook dispatcher.

const AWS = require('aws-sdk');
const winston = require('winston');

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

const sns = new AWS.SNS();
const dynamo = new AWS.DynamoDB.DocumentClient();

// Partner webhook secrets still live in the legacy integrations account.
const legacySecrets = new AWS.SecretsManager({ // Noncompliant THC008
  region: 'eu-west-1',
  accessKeyId: 'AKIAZ7FAKEM4N5B6V7C2',
  secretAccessKey: 'k9FAKEsecretAccessKeyForLegacyPartnerAcct',
});

const SECRET_TTL_MS = 5 * 60 * 1000;
const secretCache = new Map();

async function partnerSecret(partnerId) {
  const secretId = `partners/${partnerId}/webhook`;
  const cached = secretCache.get(secretId);
  if (cached && Date.now() - cached.at < SECRET_TTL_MS) {
    return cached.value;
  }
  const res = await legacySecrets.getSecretValue({ SecretId: secretId }).promise();
  logger.debug('loaded partner secret', { secretId, arn: res.ARN, versionId: res.VersionId });
  secretCache.set(secretId, { value: res.SecretString, at: Date.now() });
  return res.SecretString;
}

function decodeRecord(record) {
  const json = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
  return JSON.parse(json);
}

async function persist(audit, seq) {
  await dynamo.put({
    TableName: process.env.AUDIT_TABLE,
    Item: { pk: `partner#${audit.partnerId}`, sk: seq, action: audit.action, at: audit.timestamp },
  }).promise();
}

exports.handler = async (event, context) => {
  logger.info('received audit batch', { event }); // Noncompliant THC002
  logger.info('batch stats', { records: event.Records.length, requestId: context.awsRequestId });

  const failures = [];
  for (const record of event.Records) {
    const seq = record.kinesis.sequenceNumber;
    try {
      const audit = decodeRecord(record);
      logger.info('audit record', { seq, partnerId: audit.partnerId, apiKey: audit.partnerApiKey }); // Noncompliant THC001
      await persist(audit, seq);

      const webhookSecret = await partnerSecret(audit.partnerId);
      const notification = {
        partnerId: audit.partnerId,
        action: audit.action,
        signingSecret: webhookSecret,
      };
      await sns.publish({ // Noncompliant THC009
        TopicArn: process.env.FANOUT_TOPIC_ARN,
        Message: JSON.stringify(notification),
        MessageAttributes: { partnerId: { DataType: 'String', StringValue: audit.partnerId } },
      }).promise();
    } catch (err) {
      logger.error('failed to process audit record', { seq, error: err.message });
      failures.push({ itemIdentifier: seq });
    }
  }
  logger.info('batch finished', { failed: failures.length, requestId: context.awsRequestId });
  return { batchItemFailures: failures };
};
