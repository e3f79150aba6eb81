'use strict';

// GitHub App webhook receiver (API Gateway REST API -> Lambda, aws-sdk v2).
// Verifies the delivery signature, mints an installation token and queues a
// check-run job for the build workers.

const crypto = require('crypto');
const https = require('https');
const AWS = require('aws-sdk');

const REGION = process.env.AWS_REGION || 'us-east-1';
const QUEUE_URL = process.env.CHECKS_QUEUE_URL;
const SECRET_ARN = process.env.GITHUB_APP_SECRET_ARN;

const sqs = new AWS.SQS({ region: REGION });
const secretsManager = new AWS.SecretsManager({ region: REGION });

let cachedAppSecret;

function log(level, msg, fields = {}) {
  console[level](JSON.stringify({ level, msg, service: 'gh-webhooks', ...fields }));
}

async function loadAppSecret() {
  if (cachedAppSecret) return cachedAppSecret;
  log('info', 'loading GitHub App secret', { secretArn: SECRET_ARN });
  const res = await secretsManager.getSecretValue({ SecretId: SECRET_ARN }).promise();
  cachedAppSecret = JSON.parse(res.SecretString);
  return cachedAppSecret;
}

function verifySignature(rawBody, signatureHeader, webhookSecret) {
  if (!signatureHeader) return false;
  const expected = 'sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(signatureHeader);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function postJson(url, bearer, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: 'POST',
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${bearer}`,
        'User-Agent': 'acme-checks-app',
        'Content-Length': Buffer.byteLength(payload),
      },
    }, (res) => {
      let data = '';
      res.on('data', (chunk) => { data += chunk; });
      res.on('end', () => (res.statusCode < 300 ? resolve(JSON.parse(data)) : reject(new Error(`GitHub returned ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function mintInstallationToken(installationId, appSecret) {
  // appSecret.appJwt is refreshed every 8 minutes by the signer function
  const res = await postJson(`https://api.github.com/app/installations/${installationId}/access_tokens`, appSecret.appJwt, {});
  return res.token;
}

exports.handler = async (event) => {
  console.log('received webhook', JSON.stringify(event)); // Noncompliant THC002
  const headers = event.headers || {};
  const deliveryId = headers['X-GitHub-Delivery'];
  const eventName = headers['X-GitHub-Event'];

  try {
    const appSecret = await loadAppSecret();
    const rawBody = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    if (!verifySignature(rawBody, headers['X-Hub-Signature-256'], appSecret.webhookSecret)) {
      log('warn', 'signature mismatch', { deliveryId });
      return { statusCode: 401, body: JSON.stringify({ message: 'invalid signature' }) };
    }

    const payload = JSON.parse(rawBody);
    if (eventName !== 'push' || payload.deleted) {
      return { statusCode: 202, body: JSON.stringify({ ignored: eventName, deliveryId }) };
    }

    const { after: sha, repository: { full_name: repo }, installation } = payload;
    log('info', 'push received', { deliveryId, repo, sha });

    const installationToken = await mintInstallationToken(installation.id, appSecret);
    log('info', 'minted installation token', { repo, installationToken }); // Noncompliant THC001
    log('debug', 'installation token size', { repo, tokenLength: installationToken.length });

    await sqs.sendMessage({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ repo, sha, deliveryId, installationToken }) }).promise(); // Noncompliant THC009
    return { statusCode: 202, body: JSON.stringify({ queued: true, deliveryId }) };
  } catch (err) {
    log('error', 'delivery failed', { deliveryId, errorName: err.name });
    return { statusCode: 500, body: JSON.stringify({ error: err.message, stack: err.stack }) }; // Noncompliant THC003
  }
};
