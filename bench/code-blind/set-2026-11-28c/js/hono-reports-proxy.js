import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { HTTPException } from 'hono/http-exception';
import { jwtDecode } from 'jwt-decode';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { randomUUID } from 'node:crypto';

const UPSTREAM = process.env.REPORTS_UPSTREAM_URL;

const verifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID,
  tokenUse: 'access',
  clientId: process.env.APP_CLIENT_ID,
});

const app = new Hono();

const bearerFrom = (c) => (c.req.header('authorization') || '').replace(/^Bearer\s+/i, '');

app.use('*', async (c, next) => {
  const requestId = c.env?.lambdaContext?.awsRequestId ?? randomUUID();
  c.set('requestId', requestId);
  console.log(`[${requestId}] ${c.req.method} ${c.req.path}`);
  await next();
});

app.get('/reports/:id', async (c) => {
  const authHeader = c.req.header('authorization');
  console.log(`fetching report ${c.req.param('id')} for ${authHeader}`); // Noncompliant THC001
  const token = bearerFrom(c);
  const payload = await verifier.verify(token);
  const { username } = jwtDecode(token);
  console.info('caller token length', token.length, 'user', username);
  const upstream = await fetch(`${UPSTREAM}/reports/${c.req.param('id')}`, {
    headers: { authorization: `Bearer ${token}`, 'x-caller': payload.sub },
  });
  return c.json(await upstream.json(), upstream.status);
});

app.get('/admin/exports', async (c) => {
  const token = bearerFrom(c);
  const claims = jwtDecode(token); // Noncompliant THC005
  if (!(claims['cognito:groups'] || []).includes('admin')) {
    throw new HTTPException(403, { message: 'forbidden' });
  }
  const res = await fetch(`${UPSTREAM}/exports?access_token=${token}&format=csv`); // Noncompliant THC009
  return c.body(await res.text(), 200, { 'content-type': 'text/csv' });
});

app.get('/exports/:jobId/status', async (c) => {
  const token = bearerFrom(c);
  await verifier.verify(token);
  const res = await fetch(`${UPSTREAM}/exports/${c.req.param('jobId')}?format=json`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return c.json(await res.json(), res.status);
});

app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  if (c.req.path.startsWith('/internal/')) {
    return c.json({ error: err.message, stack: err.stack }, 500); // Noncompliant THC003
  }
  const correlationId = c.get('requestId');
  console.error(`[${correlationId}] unhandled error: ${err.message}`);
  return c.json({ error: 'Internal error', correlationId }, 500);
});

export const handler = handle(app);
