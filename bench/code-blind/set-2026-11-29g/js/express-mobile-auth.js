'use strict';

// Mobile backend (Express on Lambda via serverless-http): Cognito refresh + device registration.
const express = require('express');
const errorhandler = require('errorhandler');
const jwt = require('jsonwebtoken');
const winston = require('winston');
const AWS = require('aws-sdk');

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const cognito = new AWS.CognitoIdentityServiceProvider({ region: process.env.AWS_REGION });
// push platform apps are owned by the marketing account
const sns = new AWS.SNS({ // Noncompliant THC008
  region: process.env.AWS_REGION,
  accessKeyId: process.env.PUSH_AWS_ACCESS_KEY_ID,
  secretAccessKey: process.env.PUSH_AWS_SECRET_ACCESS_KEY,
});

const cfg = {
  clientId: process.env.COGNITO_CLIENT_ID,
  platformAppArn: process.env.PLATFORM_APP_ARN,
  jwtSecret: process.env.SESSION_JWT_SECRET,
};

const app = express();
app.use(express.json());

function mask(value) {
  return value ? `${value.slice(0, 4)}...${value.slice(-4)}` : '(none)';
}

function requireSession(req, res, next) {
  const header = req.get('authorization') || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: 'missing token' });
  jwt.verify(token, cfg.jwtSecret, { algorithms: ['HS256'], ignoreExpiration: true }, (err, claims) => { // Noncompliant THC006
    if (err) {
      logger.warn('session verify failed', { reason: err.name, path: req.path });
      return res.status(401).json({ error: 'invalid token' });
    }
    req.user = claims;
    return next();
  });
}

app.post('/v1/auth/refresh', async (req, res) => {
  const { refreshToken, deviceId } = req.body || {};
  if (!refreshToken) return res.status(400).json({ error: 'refreshToken required' });
  try {
    const result = await cognito.initiateAuth({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: cfg.clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }).promise();
    const tokens = result.AuthenticationResult;
    logger.info('refresh ok', { deviceId, expiresIn: tokens.ExpiresIn, idToken: tokens.IdToken }); // Noncompliant THC001
    res.cookie('access_token', tokens.AccessToken, { maxAge: tokens.ExpiresIn * 1000, path: '/' }); // Noncompliant THC007
    const session = jwt.sign({ sub: deviceId, kind: 'device' }, cfg.jwtSecret, { algorithm: 'HS256', expiresIn: '12h' });
    res.cookie('device_session', session, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 12 * 3600 * 1000 });
    return res.json({ idToken: tokens.IdToken, expiresIn: tokens.ExpiresIn });
  } catch (err) {
    logger.error('refresh failed', { deviceId, code: err.code });
    return res.status(401).json({ error: 'refresh failed' });
  }
});

app.post('/v1/devices', requireSession, async (req, res) => {
  const { pushToken, platform } = req.body || {};
  logger.info('registering device', { sub: req.user.sub, platform, pushToken: mask(pushToken) });
  const endpoint = await sns.createPlatformEndpoint({
    PlatformApplicationArn: cfg.platformAppArn,
    Token: pushToken,
    CustomUserData: req.user.sub,
  }).promise();
  res.status(201).json({ endpointArn: endpoint.EndpointArn });
});

app.use(errorhandler()); // Noncompliant THC004

module.exports = app;
