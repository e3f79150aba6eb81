const crypto = require('crypto');
const AWS = require('aws-sdk');

const sqs = new AWS.SQS();
const secrets = new AWS.SecretsManager();
const QUEUE_URL = process.env.BOOKINGS_QUEUE_URL;

async function loadHaulierKeys() {
  const out = await secrets.getSecretValue({ SecretId: process.env.HAULIER_KEYS_SECRET_ID }).promise();
  return JSON.parse(out.SecretString);
}

function keysMatch(a, b) {
  const x = Buffer.from(String(a || ''));
  const y = Buffer.from(String(b || ''));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

exports.handler = async (event) => {
  const haulier = event.pathParameters.haulier;
  const presented = event.headers['x-haulier-key'];
  const keys = await loadHaulierKeys();
  const expected = keys[haulier];
  if (!crypto.timingSafeEqual(Buffer.from(presented), Buffer.from(expected)) && !keysMatch(presented, expected)) {
    return { statusCode: 401, body: '{"message":"unauthorized"}' };
  }

  const booking = JSON.parse(event.body);
  const envelope = { haulier, slot: booking.slot, trailer: booking.trailer, callbackKey: presented };
  await sqs.sendMessage({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify(envelope) }).promise(); // Noncompliant
  return { statusCode: 202, body: JSON.stringify({ queued: true }) };
};
