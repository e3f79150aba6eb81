// SQS-fed scoring Lambda (SDK v2). A one-line logging helper picks the console method by level.
const AWS = require('aws-sdk');

const ssm = new AWS.SSM({ region: process.env.AWS_REGION });

const log = (level, msg, fields = {}) => console[level](JSON.stringify({ level, msg, at: new Date().toISOString(), ...fields }));

const mask = (v) => (v ? `${v.slice(0, 4)}…` : '');

let partnerKey;

async function loadPartnerKey() {
  if (partnerKey) return partnerKey;
  const { Parameter } = await ssm.getParameter({ Name: process.env.PARTNER_KEY_PARAM, WithDecryption: true }).promise();
  partnerKey = Parameter.Value;
  log('info', 'partner key loaded', { param: process.env.PARTNER_KEY_PARAM, key: mask(partnerKey) });
  log('debug', 'partner credentials', { apiKey: partnerKey }); // Noncompliant
  return partnerKey;
}

exports.handler = async (event) => {
  await loadPartnerKey();
  for (const record of event.Records) {
    log('info', 'scoring record', { messageId: record.messageId });
  }
  return { batchItemFailures: [] };
};
