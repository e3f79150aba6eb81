// Health-check and operator diagnostics endpoints mounted by every internal Node service.
import express, { type NextFunction, type Request, type Response } from 'express';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { createLogger, format, transports } from 'winston';
import { Pool } from 'pg';
import { createClient } from 'redis';
import { randomUUID } from 'node:crypto';
import os from 'node:os';

const logger = createLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  format: format.combine(format.timestamp(), format.json()),
  transports: [new transports.Console()],
});

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const redis = createClient({ url: process.env.REDIS_URL });
const DIAG_SIGNING_KEY = process.env.DIAG_SIGNING_KEY ?? '';

export const diagnostics = express.Router();

function requireDiagToken(req: Request, res: Response, next: NextFunction) {
  const token = (req.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  try {
    const claims = jwt.verify(token, DIAG_SIGNING_KEY, { algorithms: ['HS256'], audience: 'diagnostics', ignoreExpiration: true }) as JwtPayload; // Noncompliant THC006
    res.locals.operator = claims.sub;
    return next();
  } catch (err) {
    logger.warn('diagnostics token rejected', { tokenLength: token.length, ip: req.ip, reason: (err as Error).name });
    return res.status(401).json({ error: 'unauthorized' });
  }
}

diagnostics.get('/healthz', (_req, res) => {
  res.json({ status: 'ok', uptimeSec: Math.round(process.uptime()) });
});

diagnostics.get('/diagnostics/db', requireDiagToken, async (_req, res) => {
  const started = Date.now();
  try {
    const r = await pool.query("select now() as now, current_setting('server_version') as version");
    res.json({ ok: true, latencyMs: Date.now() - started, version: r.rows[0].version });
  } catch (err) {
    const e = err as Error;
    res.status(500).json({ ok: false, message: e.message, stack: e.stack }); // Noncompliant THC003
  }
});

diagnostics.get('/diagnostics/cache', requireDiagToken, async (_req, res) => {
  const correlationId = randomUUID();
  try {
    if (!redis.isOpen) await redis.connect();
    const pong = await redis.ping();
    res.json({ ok: pong === 'PONG' });
  } catch (err) {
    logger.error('cache diagnostics failed', { correlationId, error: (err as Error).message });
    res.status(503).json({ ok: false, correlationId });
  }
});

diagnostics.get('/diagnostics/echo', requireDiagToken, (req, res) => {
  logger.info('diagnostic echo requested', { operator: res.locals.operator, headers: req.headers }); // Noncompliant THC002
  res.json({
    host: os.hostname(),
    path: req.path,
    headerCount: Object.keys(req.headers).length,
    requestId: req.get('x-request-id') ?? null,
  });
});

diagnostics.get('/diagnostics/runtime', requireDiagToken, (_req, res) => {
  const mem = process.memoryUsage();
  res.json({ node: process.version, rssMb: Math.round(mem.rss / 1e6), loadAvg: os.loadavg() });
});

export function diagnosticsErrorHandler(err: Error, req: Request, res: Response, _next: NextFunction) {
  const correlationId = req.get('x-request-id') ?? randomUUID();
  logger.error('unhandled diagnostics error', { correlationId, error: err.message });
  res.status(500).json({ error: 'internal error', correlationId });
}
