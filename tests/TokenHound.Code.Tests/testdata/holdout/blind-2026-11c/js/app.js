'use strict';

const express = require('express');
const errorhandler = require('errorhandler');
const winston = require('winston');
const util = require('util');
const helmet = require('helmet');
const authRouter = require('./routes/auth-router');
const ordersRouter = require('./routes/orders-router');

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const app = express();
app.use(helmet());
app.use(express.json({ limit: '256kb' }));

app.use((req, res, next) => {
  logger.info(util.format('%s %s (request %s)', req.method, req.originalUrl, req.get('x-request-id')));
  next();
});

// audit trail for the partner integration routes
app.use('/partner', (req, res, next) => {
  logger.info('partner call', { ...req.headers, path: req.path }); // Noncompliant THC002
  next();
});

app.use((req, res, next) => {
  if (req.path.startsWith('/internal')) {
    const line = util.format('internal call key=%s from %s', req.headers['x-api-key'], req.ip);
    logger.warn(line); // Noncompliant THC001
  }
  next();
});

app.use('/auth', authRouter);
app.use('/orders', ordersRouter);

app.use(errorhandler()); // Noncompliant THC004

app.use((err, req, res, _next) => {
  logger.error('unhandled error', { requestId: req.get('x-request-id'), stack: err.stack });
  res.status(500).json({ message: 'internal error', requestId: req.get('x-request-id') });
});

module.exports = app;
