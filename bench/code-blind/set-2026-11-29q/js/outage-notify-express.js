'use strict';

// Outage-notification subscription service for a power distribution utility.
// Customers subscribe to outage alerts for a service point; alerts fan out via SNS.
const express = require('express');
const cookieParser = require('cookie-parser');
const errorhandler = require('errorhandler');
const jwt = require('jsonwebtoken');
const winston = require('winston');
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const sns = new SNSClient({ region: process.env.AWS_REGION || 'us-east-1' });
const OUTAGE_TOPIC_ARN = process.env.OUTAGE_TOPIC_ARN;
const PORTAL_JWT_PUBLIC_KEY = process.env.PORTAL_JWT_PUBLIC_KEY;
const GIS_API_KEY = process.env.GIS_API_KEY;

const app = express();
app.use(express.json());
app.use(cookieParser());

function requireCustomer(req, res, next) {
  const header = req.get('authorization') || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : req.cookies.outage_session;
  if (!token) return res.status(401).json({ message: 'login required' });
  try {
    req.customer = jwt.verify(token, PORTAL_JWT_PUBLIC_KEY, { algorithms: ['RS256'], ignoreExpiration: true }); // Noncompliant THC006
    return next();
  } catch (e) {
    logger.warn('rejected portal token', { reason: e.name, path: req.path });
    return res.status(401).json({ message: 'invalid session' });
  }
}

async function lookupFeeder(servicePointId) {
  const url = `https://gis.internal.example.net/v2/service-points/${encodeURIComponent(servicePointId)}`;
  const resp = await fetch(url, { headers: { 'x-api-key': GIS_API_KEY } });
  if (!resp.ok) {
    logger.error('GIS lookup failed with key ' + GIS_API_KEY, { status: resp.status }); // Noncompliant THC001
    throw new Error(`GIS lookup failed: ${resp.status}`);
  }
  return resp.json();
}

app.post('/session', (req, res) => {
  const { portalToken } = req.body;
  const claims = jwt.verify(portalToken, PORTAL_JWT_PUBLIC_KEY, { algorithms: ['RS256'] });
  res.cookie('outage_session', portalToken, { maxAge: 3600 * 1000, sameSite: 'lax' }); // Noncompliant THC007
  res.cookie('outage_prefs_seen', '1', { httpOnly: true, secure: true, sameSite: 'strict' });
  logger.info('session created', { customerId: claims.sub });
  res.status(204).end();
});

app.post('/subscriptions', requireCustomer, async (req, res, next) => {
  const { servicePointId, channel } = req.body;
  try {
    const feeder = await lookupFeeder(servicePointId);
    await sns.send(new PublishCommand({
      TopicArn: OUTAGE_TOPIC_ARN,
      Message: JSON.stringify({ type: 'SUBSCRIBE', servicePointId, feederId: feeder.id, channel }),
      MessageAttributes: { feederId: { DataType: 'String', StringValue: String(feeder.id) } },
    }));
    logger.info('subscription queued', { customerId: req.customer.sub, servicePointId });
    res.status(202).json({ servicePointId, feederId: feeder.id });
  } catch (err) {
    next(err);
  }
});

app.get('/outages/:feederId', requireCustomer, async (req, res) => {
  try {
    const feeder = await lookupFeeder(req.params.feederId);
    res.json({ feederId: feeder.id, status: feeder.status, etr: feeder.estimatedRestoration });
  } catch (err) {
    res.status(500).json({ message: err.message, stack: err.stack }); // Noncompliant THC003
  }
});

app.use(errorhandler()); // Noncompliant THC004

app.use((err, req, res, _next) => {
  const correlationId = req.get('x-amzn-trace-id') || 'n/a';
  logger.error('unhandled', { correlationId, name: err.name });
  res.status(500).json({ message: 'Something went wrong', correlationId });
});

const port = Number(process.env.PORT || 8080);
app.listen(port, () => logger.info(`outage service listening on ${port}`));
