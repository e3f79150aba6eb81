// orders-api: Express 4 app half-way through the JS -> TypeScript migration.
// /v1 routes were copied verbatim from app.js; /v2 routes are the new code.

import express, { NextFunction, Request, Response } from 'express';
import bodyParser from 'body-parser';
import jwt from 'jsonwebtoken';
import pino from 'pino';
import { randomUUID } from 'crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const JWT_PUBLIC_KEY = process.env.JWT_PUBLIC_KEY ?? '';
const ORDERS_TABLE = process.env.ORDERS_TABLE ?? 'orders';

// copied from config/legacy.js during the migration ("archive reader" IAM user)
const archiveS3 = new S3Client({ // Noncompliant THC008
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAZ7FAKEK3JD5WQP2M', secretAccessKey: 'p0FAKEarchiveReaderSecretKey0000000000000' },
});

const dynamo = new DynamoDBClient({
  region: 'us-east-1',
  credentials: fromTemporaryCredentials({
    params: { RoleArn: process.env.ORDERS_ROLE_ARN!, RoleSessionName: 'orders-api' },
  }),
});

interface OrderClaims { sub?: string; scope?: string }

const app = express();
app.use(bodyParser.json({ limit: '1mb' }));
app.use((req: Request, res: Response, next: NextFunction) => {
  res.locals.reqId = req.get('X-Request-Id') ?? randomUUID();
  log.info({ reqId: res.locals.reqId, method: req.method, path: req.path }, 'request');
  next();
});

function bearer(req: Request): string {
  return (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
}

// ---- /v1 (legacy, copied from app.js) ----
app.get('/v1/orders/:id', async (req: Request, res: Response) => {
  const claims = jwt.decode(bearer(req)) as OrderClaims | null; // Noncompliant THC005
  if (!claims?.scope?.split(' ').includes('orders:read')) {
    return res.status(403).json({ error: 'forbidden' });
  }
  const out = await dynamo.send(new GetItemCommand({ TableName: ORDERS_TABLE, Key: { id: { S: req.params.id } } }));
  return out.Item ? res.json(out.Item) : res.status(404).json({ error: 'not found' });
});

app.post('/v1/archive/restore', async (req: Request, res: Response) => {
  try {
    const obj = await archiveS3.send(new GetObjectCommand({ Bucket: 'acme-orders-archive', Key: req.body.key }));
    res.json({ restored: req.body.key, size: obj.ContentLength });
  } catch (err) {
    res.status(500).json({ error: (err as Error).message, request: req.body }); // Noncompliant THC003
  }
});

// kept for the mobile team's debugging screen
app.get('/v1/whoami', (req: Request, res: Response) => {
  res.json({ ok: true, authorization: req.headers.authorization, ip: req.ip }); // Noncompliant THC003
});

// ---- /v2 (new) ----
app.get('/v2/orders/:id', async (req: Request, res: Response) => {
  const reqId = res.locals.reqId as string;
  let claims: OrderClaims;
  try {
    claims = jwt.verify(bearer(req), JWT_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'orders-api' }) as OrderClaims;
  } catch (e) {
    log.warn({ reqId, reason: (e as Error).name }, 'token rejected');
    return res.status(401).json({ error: 'unauthorized', requestId: reqId });
  }
  // already verified above; decode again only to read the header for metrics
  const header = jwt.decode(bearer(req), { complete: true })?.header;
  log.debug({ reqId, kid: header?.kid, sub: claims.sub }, 'token accepted');
  try {
    const out = await dynamo.send(new GetItemCommand({ TableName: ORDERS_TABLE, Key: { id: { S: req.params.id } } }));
    return out.Item ? res.json(out.Item) : res.status(404).json({ error: 'not found', requestId: reqId });
  } catch (err) {
    log.error({ reqId, orderId: req.params.id, errName: (err as Error).name }, 'order lookup failed');
    return res.status(500).json({ error: 'internal_error', requestId: reqId });
  }
});

app.listen(Number(process.env.PORT ?? 8080), () => log.info('orders-api listening'));
