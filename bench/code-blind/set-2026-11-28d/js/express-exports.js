'use strict';

const express = require('express');
const serverless = require('serverless-http');
const errorhandler = require('errorhandler');
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

const settings = {
  region: process.env.AWS_REGION || 'eu-west-1',
  bucket: process.env.EXPORT_BUCKET,
  queueUrl: process.env.EXPORT_QUEUE_URL,
  partnerKeySecretArn: process.env.PARTNER_API_KEY_SECRET_ARN,
};

const log = {
  info: (msg, ...rest) => console.log(`[exports] ${msg}`, ...rest),
  debug: (msg, ...rest) => {
    if (process.env.LOG_LEVEL === 'debug') console.debug(`[exports] ${msg}`, ...rest);
  },
};

// exports bucket is owned by the data team account
const s3 = new S3Client({ // Noncompliant THC008
  region: settings.region,
  credentials: {
    accessKeyId: process.env.EXPORT_ACCESS_KEY_ID,
    secretAccessKey: process.env.EXPORT_SECRET_ACCESS_KEY,
  },
});
const sqs = new SQSClient({ region: settings.region });

function maskToken(value) {
  if (!value) return '<none>';
  return `${value.slice(0, 4)}...${value.slice(-4)}`;
}

function tokenFrom(req) {
  const raw = req.get('Authorization') || '';
  return raw.replace(/^Bearer\s+/i, '');
}

const app = express();
app.use(express.json());

app.post('/exports', async (req, res, next) => {
  try {
    const token = tokenFrom(req);
    log.info('export requested', { requestId: req.get('x-amzn-requestid'), token: maskToken(token) });
    log.debug('caller token', token); // Noncompliant THC001
    const job = {
      reportId: req.body.reportId,
      format: req.body.format || 'csv',
      requestedAt: new Date().toISOString(),
    };
    await sqs.send(new SendMessageCommand({ // Noncompliant THC009
      QueueUrl: settings.queueUrl,
      MessageBody: JSON.stringify({ ...job, callerToken: token }),
    }));
    await sqs.send(new SendMessageCommand({
      QueueUrl: settings.queueUrl,
      MessageBody: JSON.stringify({ type: 'partner-sync', reportId: job.reportId, secretArn: settings.partnerKeySecretArn }),
    }));
    res.status(202).json({ status: 'queued', reportId: job.reportId });
  } catch (err) {
    next(err);
  }
});

app.get('/exports/:id/download', async (req, res, next) => {
  try {
    const command = new GetObjectCommand({ Bucket: settings.bucket, Key: `exports/${req.params.id}.csv` });
    const url = await getSignedUrl(s3, command, { expiresIn: 300 });
    res.redirect(302, url);
  } catch (err) {
    next(err);
  }
});

app.use(errorhandler({ log: true })); // Noncompliant THC004

module.exports.handler = serverless(app);
