'use strict';

// Koa service that receives fulfilment-partner callbacks and resumes the waiting Step Functions task.
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const crypto = require('crypto');
const pino = require('pino');
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const { SFNClient, SendTaskSuccessCommand, SendTaskFailureCommand } = require('@aws-sdk/client-sfn');

const log = pino({ level: process.env.LOG_LEVEL || 'info' });
const secrets = new SecretsManagerClient({});
const sfn = new SFNClient({});

const WEBHOOK_SECRET_ID = process.env.WEBHOOK_SECRET_ID;
let cachedSecret;

async function loadPartnerSecret() {
  if (cachedSecret) return cachedSecret;
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: WEBHOOK_SECRET_ID }));
  cachedSecret = JSON.parse(out.SecretString);
  log.debug({ secretId: WEBHOOK_SECRET_ID, versionId: out.VersionId }, 'partner secret loaded');
  return cachedSecret;
}

function signatureMatches(rawBody, header, secret) {
  const expected = crypto.createHmac('sha256', secret).update(rawBody || '').digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(header || '');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const router = new Router();

router.post('/webhooks/partner/:jobId', async (ctx) => {
  const secret = await loadPartnerSecret();
  const signature = ctx.get('x-partner-signature');
  if (!signatureMatches(ctx.request.rawBody, signature, secret.webhookSecret)) {
    log.warn({ jobId: ctx.params.jobId, got: signature, expected: secret.webhookSecret }, 'signature mismatch'); // Noncompliant THC001
    ctx.status = 401;
    ctx.body = { error: 'invalid signature' };
    return;
  }

  const { taskToken, status, result } = ctx.request.body;
  log.info({ jobId: ctx.params.jobId, status, requestId: ctx.get('x-request-id') }, 'partner callback');

  if (status !== 'COMPLETED') {
    await sfn.send(new SendTaskFailureCommand({ taskToken, error: 'PartnerFailed', cause: String(status) }));
    ctx.body = { ok: true };
    return;
  }

  // the next state downloads the artefacts from the partner, so hand it what it needs
  const output = {
    jobId: ctx.params.jobId,
    result,
    partnerApiKey: secret.apiKey,
  };
  await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })); // Noncompliant THC009
  ctx.body = { ok: true };
});

router.get('/healthz', (ctx) => {
  ctx.body = { ok: true, secretId: WEBHOOK_SECRET_ID };
});

const app = new Koa();

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    log.error({ err: err.message, path: ctx.path }, 'unhandled error');
    ctx.status = err.status || 500;
    ctx.body = { error: err.message, stack: err.stack, path: ctx.path, headers: ctx.headers }; // Noncompliant THC003
  }
});
app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());

module.exports = app;

if (require.main === module) {
  app.listen(Number(process.env.PORT) || 3000);
}
