'use strict';

// Orders API: Express app running in Lambda behind a REST API (Cognito user pool authorizer).
const express = require('express');
const serverless = require('serverless-http');
const errorhandler = require('errorhandler');
const winston = require('winston');
const { randomUUID } = require('crypto');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));
const TABLE = process.env.ORDERS_TABLE || 'orders';

const app = express();
app.use(express.json({ limit: '256kb' }));

app.use((req, res, next) => {
  req.id = req.lambdaRequestId || randomUUID();
  logger.info('request received', { requestId: req.id, method: req.method, path: req.path });
  logger.debug('request headers', { requestId: req.id, headers: req.headers }); // Noncompliant THC002
  next();
});

function requireCaller(req, res, next) {
  const authorization = req.get('authorization');
  if (!authorization) {
    return res.status(401).json({ message: 'Unauthorized' });
  }
  logger.debug(`caller authorization: ${authorization}`); // Noncompliant THC001
  const claims = (req.event && req.event.requestContext.authorizer && req.event.requestContext.authorizer.claims) || {};
  req.user = { sub: claims.sub, email: claims.email };
  return next();
}

app.get('/orders/:orderId', requireCaller, async (req, res, next) => {
  try {
    const { Item } = await ddb.send(new GetCommand({ TableName: TABLE, Key: { pk: req.params.orderId } }));
    if (!Item || Item.ownerSub !== req.user.sub) {
      return res.status(404).json({ message: 'Order not found' });
    }
    return res.json(Item);
  } catch (err) {
    return next(err);
  }
});

app.post('/orders', requireCaller, async (req, res, next) => {
  if (!Array.isArray(req.body.items) || req.body.items.length === 0) {
    const err = new Error('items must be a non-empty array');
    err.name = 'ValidationError';
    return next(err);
  }
  const order = { pk: randomUUID(), ownerSub: req.user.sub, items: req.body.items, createdAt: Date.now() };
  try {
    await ddb.send(new PutCommand({ TableName: TABLE, Item: order }));
    logger.info('order created', { orderId: order.pk, user: req.user.email });
    res.status(201).json({ orderId: order.pk });
  } catch (err) {
    logger.error('failed to store order', { requestId: req.id, error: err.message });
    res.status(500).json({ message: 'Could not create order', requestId: req.id });
  }
});

app.use((err, req, res, next) => {
  if (err.name !== 'ValidationError') {
    return next(err);
  }
  return res.status(400).json({ message: err.message, path: req.originalUrl, body: req.body, stack: err.stack }); // Noncompliant THC003
});

app.use(errorhandler()); // Noncompliant THC004

module.exports.handler = serverless(app, {
  request(req, event, context) {
    req.event = event;
    req.lambdaRequestId = context.awsRequestId;
  },
});
