'use strict';

const express = require('express');
const crypto = require('crypto');
const errorhandler = require('errorhandler');
const winston = require('winston');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { SSMClient, GetParameterCommand } = require('@aws-sdk/client-ssm');

const log = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const config = {
  region: process.env.AWS_REGION || 'us-east-1',
  queueUrl: process.env.EVENTS_QUEUE_URL,
  secretParam: '/integrations/github/webhook-secret',
};

const sqs = new SQSClient({ // Noncompliant THC008
  region: config.region,
  credentials: { accessKeyId: 'AKIAZ7FAKEQ3W4RT5YUI', secretAccessKey: 'kP9xFAKEr2bWq8sT3vLm0ZyN4cJd7HgQeA1uXoFAKE' },
});
const ssm = new SSMClient({ region: config.region });

let webhookSecret;

async function loadWebhookSecret() {
  if (webhookSecret) return webhookSecret;
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: config.secretParam, WithDecryption: true }));
  webhookSecret = Parameter.Value;
  log.debug(`github webhook secret loaded: ${webhookSecret}`); // Noncompliant THC001
  return webhookSecret;
}

function verifySignature(secret, rawBody, signatureHeader) {
  if (!signatureHeader || !signatureHeader.startsWith('sha256=')) return false;
  const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(signatureHeader);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const app = express();
app.use(express.raw({ type: 'application/json', limit: '1mb' }));

app.post('/webhooks/github', async (req, res, next) => {
  const delivery = req.get('X-GitHub-Delivery');
  const eventName = req.get('X-GitHub-Event');
  try {
    const secret = await loadWebhookSecret();
    if (!verifySignature(secret, req.body, req.get('X-Hub-Signature-256'))) {
      log.warn('signature mismatch', { delivery, eventName });
      return res.status(401).json({ error: 'invalid signature' });
    }
    const payload = JSON.parse(req.body.toString('utf8'));
    await sqs.send(new SendMessageCommand({
      QueueUrl: config.queueUrl,
      MessageBody: JSON.stringify({
        delivery,
        event: eventName,
        repository: payload.repository && payload.repository.full_name,
        installationId: payload.installation && payload.installation.id,
        secretParameter: config.secretParam,
      }),
    }));
    log.info('webhook queued', { delivery, eventName });
    return res.status(202).end();
  } catch (err) {
    return next(err);
  }
});

app.get('/healthz', (req, res) => res.send('ok'));

app.use(errorhandler()); // Noncompliant THC004

app.listen(process.env.PORT || 3000, () => {
  log.info(`github relay listening in ${process.env.NODE_ENV} mode`);
});
