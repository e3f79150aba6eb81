'use strict';

const express = require('express');
const errorhandler = require('errorhandler');
const serverlessExpress = require('@codegenie/serverless-express');
const pino = require('pino');
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const log = pino({ level: process.env.LOG_LEVEL || 'info' });
const secrets = new SecretsManagerClient({});
const sqs = new SQSClient({});
const reports = new S3Client({ region: process.env.AWS_REGION });
const legacyArchive = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: process.env.ARCHIVE_KEY_ID, secretAccessKey: process.env.ARCHIVE_SECRET_KEY } }); // Noncompliant THC008

let providerKeyCache;

async function providerKey() {
  if (!providerKeyCache) {
    const out = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.BILLING_SECRET_ID }));
    providerKeyCache = JSON.parse(out.SecretString).apiKey;
    log.debug({ apiKey: providerKeyCache, version: out.VersionId }, 'billing provider key loaded'); // Noncompliant THC001
  }
  return providerKeyCache;
}

const mask = (v) => (v ? `${v.slice(0, 4)}${'*'.repeat(8)}` : '<none>');

const app = express();
app.use(express.json());

app.use((req, res, next) => {
  log.info({ method: req.method, path: req.path, requestId: req.get('x-amzn-requestid') }, 'request');
  next();
});

app.post('/invoices', async (req, res, next) => {
  try {
    const key = await providerKey();
    log.info(`charging ${req.body.customerId} with key ${mask(key)}`);
    const resp = await fetch('https://api.billing.example.com/v1/charges', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: req.body.amount, currency: req.body.currency }),
    });
    const charge = await resp.json();
    await sqs.send(new SendMessageCommand({
      QueueUrl: process.env.INVOICE_QUEUE_URL,
      MessageBody: JSON.stringify({ invoiceId: charge.id, customerId: req.body.customerId }),
    }));
    await reports.send(new PutObjectCommand({
      Bucket: process.env.REPORTS_BUCKET,
      Key: `invoices/${charge.id}.json`,
      Body: JSON.stringify(charge),
    }));
    res.status(201).json({ id: charge.id });
  } catch (err) {
    next(err);
  }
});

app.post('/webhooks/billing', (req, res) => {
  log.info({ headers: req.headers, body: req.body }, 'billing webhook received'); // Noncompliant THC002
  res.sendStatus(204);
});

app.post('/archive/:invoiceId', async (req, res, next) => {
  try {
    await legacyArchive.send(new PutObjectCommand({
      Bucket: process.env.ARCHIVE_BUCKET,
      Key: `${req.params.invoiceId}.json`,
      Body: JSON.stringify(req.body),
    }));
    res.sendStatus(202);
  } catch (err) {
    next(err);
  }
});

app.use(errorhandler()); // Noncompliant THC004

exports.handler = serverlessExpress({ app });
