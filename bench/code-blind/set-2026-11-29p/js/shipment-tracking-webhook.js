'use strict';

// Carrier webhook receiver: API Gateway (REST) -> Lambda -> SQS tracking-updates queue.
// Carriers push scan events (picked up, out for delivery, delivered) with a shared API key.

const AWS = require('aws-sdk');
const crypto = require('crypto');

const sqs = new AWS.SQS({ region: process.env.AWS_REGION || 'eu-central-1' });
const secretsManager = new AWS.SecretsManager();

const QUEUE_URL = process.env.TRACKING_QUEUE_URL;
const CARRIER_SECRET_ARN = process.env.CARRIER_SECRET_ARN;

let cachedCarrierKeys = null;

async function loadCarrierKeys() {
  if (cachedCarrierKeys) {
    return cachedCarrierKeys;
  }
  console.log(`loading carrier keys from ${CARRIER_SECRET_ARN}`);
  const result = await secretsManager.getSecretValue({ SecretId: CARRIER_SECRET_ARN }).promise();
  cachedCarrierKeys = JSON.parse(result.SecretString);
  return cachedCarrierKeys;
}

function timingSafeEqual(a, b) {
  const left = Buffer.from(String(a || ''));
  const right = Buffer.from(String(b || ''));
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function normaliseScan(carrier, scan) {
  return {
    carrier,
    trackingNumber: scan.tracking_number,
    status: String(scan.status || 'UNKNOWN').toUpperCase(),
    location: scan.location ? `${scan.location.city}, ${scan.location.country}` : null,
    scannedAt: scan.timestamp || new Date().toISOString(),
  };
}

function respond(statusCode, payload) {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  };
}

exports.handler = async (event, context) => {
  console.log('carrier webhook received', JSON.stringify(event)); // Noncompliant THC002
  const correlationId = context.awsRequestId;

  try {
    const carrier = (event.pathParameters && event.pathParameters.carrier) || 'unknown';
    const presentedKey = event.headers['x-carrier-key'] || event.headers['X-Carrier-Key'];
    const keys = await loadCarrierKeys();
    const expectedKey = keys[carrier];

    if (!timingSafeEqual(presentedKey, expectedKey)) {
      console.warn(`carrier ${carrier} rejected, expected key ${expectedKey}`); // Noncompliant THC001
      return respond(401, { message: 'unauthorized', correlationId });
    }

    const scans = JSON.parse(event.body || '[]').map((s) => normaliseScan(carrier, s));
    console.info(`accepted ${scans.length} scans from ${carrier}`, scans.map((s) => s.trackingNumber));

    const envelope = {
      carrier,
      receivedAt: new Date().toISOString(),
      scans,
      replayAuth: presentedKey,
    };

    await sqs.sendMessage({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify(envelope) }).promise(); // Noncompliant THC009

    await sqs
      .sendMessage({
        QueueUrl: `${QUEUE_URL}-audit`,
        MessageBody: JSON.stringify({ carrier, count: scans.length, correlationId }),
        MessageDeduplicationId: correlationId,
        MessageGroupId: carrier,
      })
      .promise();

    return respond(202, { accepted: scans.length, correlationId });
  } catch (err) {
    if (err instanceof SyntaxError) {
      console.error(`malformed payload, correlation ${correlationId}`);
      return respond(400, { message: 'malformed payload', correlationId });
    }
    console.error('tracking webhook failed', err.message);
    return respond(500, { message: err.message, stack: err.stack }); // Noncompliant THC003
  }
};
