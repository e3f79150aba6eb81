'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const serverless = require('serverless-http');
const jwt = require('jsonwebtoken');
const axios = require('axios');
const crypto = require('crypto');

const config = {
  jwtSecret: process.env.JWT_SECRET,
  issuer: process.env.JWT_ISSUER || 'https://auth.example.com/',
  profileServiceUrl: process.env.PROFILE_SERVICE_URL || 'https://profiles.internal.example.com',
};

const app = new Koa();
const router = new Router({ prefix: '/v1' });

function bearerFrom(ctx) {
  const header = ctx.get('authorization');
  if (!header.startsWith('Bearer ')) return null;
  return header.slice(7);
}

function fingerprint(token) {
  return crypto.createHash('sha256').update(token).digest('hex').slice(0, 12);
}

app.use(async (ctx, next) => {
  const started = Date.now();
  console.log('incoming request', ctx.method, ctx.url, ctx.headers); // Noncompliant THC002
  await next();
  console.log('completed', ctx.method, ctx.url, ctx.status, `${Date.now() - started}ms`);
});

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    console.error('request failed', err);
    ctx.status = err.status || 500;
    ctx.body = { error: ctx.status === 500 ? 'internal_error' : err.message, requestId: ctx.get('x-request-id') };
  }
});

async function requireUser(ctx, next) {
  const token = bearerFrom(ctx);
  if (!token) ctx.throw(401, 'missing token');
  const claims = jwt.verify(token, config.jwtSecret, { issuer: config.issuer, algorithms: ['HS256'] });
  const { header } = jwt.decode(token, { complete: true });
  console.debug('verified token', { kid: header.kid, fp: fingerprint(token), sub: claims.sub });
  ctx.state.user = claims;
  ctx.state.token = token;
  await next();
}

router.get('/admin/reports', async (ctx) => {
  const token = bearerFrom(ctx);
  if (!token) ctx.throw(401, 'missing token');
  const claims = jwt.decode(token); // Noncompliant THC005
  if (!claims || !Array.isArray(claims.roles) || !claims.roles.includes('admin')) {
    ctx.throw(403, 'admin only');
  }
  ctx.body = { reports: [], generatedFor: claims.sub };
});

router.get('/me', requireUser, async (ctx) => {
  const { token, user } = ctx.state;
  const { data: profile } = await axios.get(`${config.profileServiceUrl}/profile?access_token=${token}`, { timeout: 3000 }); // Noncompliant THC009
  const { data: prefs } = await axios.get(`${config.profileServiceUrl}/preferences`, {
    headers: { Authorization: `Bearer ${token}` },
    timeout: 3000,
  });
  ctx.body = { sub: user.sub, profile, prefs };
});

app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());

module.exports = app;
module.exports.handler = serverless(app);
