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
  const trailer = event.headers['x-trailer-id'];
  const keys = await loadHaulierKeys();
  const expected = keys[haulier];
  // the key is checked and dropped; the queued booking carries the trailer id and the result of the check only
  const verified = keysMatch(presented, expected);
  if (!verified || !keysMatch(trailer, process.env.TRAILER_PREFIX)) {
    return { statusCode: 401, body: '{"message":"unauthorized"}' };
  }

  const booking = JSON.parse(event.body);
  const envelope = { haulier, slot: booking.slot, trailer, verified };
  await sqs.sendMessage({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify(envelope) }).promise();
  return { statusCode: 202, body: JSON.stringify({ queued: true }) };
};
