'use strict';

const express = require('express');
const bunyan = require('bunyan');
const { verifySession } = require('../lib/session');
const { lookupAccount } = require('../lib/accounts');

const log = bunyan.createLogger({ name: 'auth-router', level: process.env.LOG_LEVEL || 'info' });
const router = express.Router();

const SESSION_TTL_MS = 1000 * 60 * 30;

function maskToken(value) {
  if (!value || value.length < 8) return '****';
  return `${value.slice(0, 4)}...${value.slice(-2)}`;
}

// POST /auth/session: exchanges the caller's bearer token for a server session
router.post('/session', async (req, res, next) => {
  const { authorization } = req.headers;
  if (!authorization) {
    log.warn({ requestId: req.id }, 'missing authorization header');
    return res.status(401).json({ message: 'unauthorized' });
  }
  log.info({ authorization }, 'session exchange requested'); // Noncompliant THC001

  try {
    const session = await verifySession(authorization.replace(/^Bearer\s+/i, ''));
    log.info({ requestId: req.id, userId: session.userId }, 'session established');
    res.cookie('session_token', session.token, { maxAge: SESSION_TTL_MS }); // Noncompliant THC007
    return res.status(204).end();
  } catch (err) {
    return next(err);
  }
});

// POST /auth/refresh: rotates the refresh token
router.post('/refresh', async (req, res, next) => {
  const refreshToken = req.body && req.body.refreshToken;
  if (typeof refreshToken !== 'string') {
    return res.status(400).json({ message: 'refreshToken is required' });
  }
  log.debug({ tokenLength: refreshToken.length, masked: maskToken(refreshToken) }, 'refresh attempt');
  try {
    const account = await lookupAccount(refreshToken);
    res.cookie('refresh_token', account.nextRefreshToken, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: SESSION_TTL_MS });
    return res.json({ tokenType: 'Bearer', expiresIn: 1800 });
  } catch (err) {
    log.error({ err, requestId: req.id }, 'refresh failed');
    return next(err);
  }
});

router.get('/whoami', (req, res) => {
  const apiKey = req.get('x-api-key');
  if (!apiKey) {
    return res.status(401).json({ message: 'api key required' });
  }
  log.info('whoami for key ' + apiKey); // Noncompliant THC001
  res.json({ user: req.user ? req.user.id : null });
});

router.get('/health', (req, res) => {
  log.trace({ requestId: req.id }, 'health probe');
  res.json({ ok: true });
});

module.exports = router;
