'use strict';

const express = require('express');
const errorhandler = require('errorhandler');
const cookieParser = require('cookie-parser');
const crypto = require('node:crypto');
const AWS = require('aws-sdk');
const winston = require('winston');

const log = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

const config = {
  signingSecret: process.env.BILLING_WEBHOOK_SIGNING_SECRET,
  toleranceSeconds: 300,
  ledgerTable: process.env.LEDGER_TABLE || 'billing-ledger',
  portalSessionsTable: process.env.PORTAL_SESSIONS_TABLE || 'billing-portal-sessions',
  invoiceBucket: process.env.INVOICE_BUCKET || 'acme-invoices',
};

const ledger = new AWS.DynamoDB.DocumentClient({ region: process.env.AWS_REGION });
const invoiceArchive = new AWS.S3({ region: 'eu-west-1', accessKeyId: 'AKIAZ7FAKEQ3LM4NX2PA', secretAccessKey: 'FAKEinvoiceArchiveSecret0b7Qx2mZr5TnWv8' }); // Noncompliant THC008

function verifySignature(rawBody, header, secret) {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.trim().split('=')));
  if (!parts.t || !parts.v1) return false;
  if (Math.abs(Date.now() / 1000 - Number(parts.t)) > config.toleranceSeconds) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest('hex');
  return expected.length === parts.v1.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1));
}

async function recordInvoice(invoice, rawBody) {
  const tenantId = invoice.metadata.tenant_id;
  await ledger.put({
    TableName: config.ledgerTable,
    Item: { tenantId, invoiceId: invoice.id, amount: invoice.amount_paid, currency: invoice.currency },
  }).promise();
  await invoiceArchive.putObject({
    Bucket: config.invoiceBucket,
    Key: `${tenantId}/${invoice.id}.json`,
    Body: rawBody,
    ServerSideEncryption: 'aws:kms',
  }).promise();
}

async function createPortalSession(tenantId) {
  const token = crypto.randomBytes(32).toString('base64url');
  const ttl = Math.floor(Date.now() / 1000) + 15 * 60;
  await ledger.put({ TableName: config.portalSessionsTable, Item: { id: token, tenantId, ttl } }).promise();
  return token;
}

const app = express();
app.use(cookieParser());

app.post('/webhooks/billing', express.raw({ type: 'application/json', limit: '512kb' }), async (req, res) => {
  const rawBody = req.body.toString('utf8');
  if (!verifySignature(rawBody, req.get('Billing-Signature') || '', config.signingSecret)) {
    log.warn('billing webhook signature mismatch', { signingSecret: config.signingSecret, ip: req.ip }); // Noncompliant THC001
    return res.status(400).json({ error: 'invalid_signature' });
  }
  const event = JSON.parse(rawBody);
  log.info('billing webhook accepted', { eventId: event.id, type: event.type, livemode: event.livemode });
  try {
    if (event.type === 'invoice.paid') await recordInvoice(event.data.object, rawBody);
    return res.json({ received: true });
  } catch (err) {
    const correlationId = crypto.randomUUID();
    log.error('billing webhook processing failed', { correlationId, eventId: event.id, message: err.message });
    return res.status(500).json({ error: 'processing_failed', correlationId });
  }
});

app.get('/billing/portal', async (req, res) => {
  const portalSession = await createPortalSession(req.query.tenant);
  res.cookie('billing_portal_session', portalSession, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 15 * 60 * 1000, path: '/billing' });
  res.redirect('/billing/portal/home');
});

app.get('/billing/checkout/return', async (req, res) => {
  const checkoutSession = await createPortalSession(req.query.tenant);
  res.cookie('checkout_session', checkoutSession, { maxAge: 15 * 60 * 1000, path: '/billing' }); // Noncompliant THC007
  res.redirect(`/billing/checkout/complete?ref=${encodeURIComponent(req.query.ref || '')}`);
});

app.use(errorhandler()); // Noncompliant THC004

app.listen(Number(process.env.PORT) || 3000, () => log.info('billing webhooks listening'));
