// Internal admin GraphQL gateway used by the platform team's tenant console.
import express from 'express';
import errorhandler from 'errorhandler';
import jwt from 'jsonwebtoken';
import pino from 'pino';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@apollo/server/express4';
import { TenantStore } from './tenant-store.mjs';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const PUBLIC_KEY = readFileSync(process.env.JWT_PUBLIC_KEY_PATH, 'utf8');
const tenants = new TenantStore(process.env.TENANTS_TABLE);

const typeDefs = `#graphql
  type Tenant { id: ID!, name: String!, plan: String, suspended: Boolean }
  type Query { tenants: [Tenant!]!, me: String }
  type Mutation { suspendTenant(id: ID!, reason: String): Tenant }
`;

function logInfo(msg, meta = {}) {
  log.info({ svc: 'admin-gateway', ...meta }, msg);
}

function callerFromVerifiedToken(token) {
  const claims = jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'], audience: 'admin-console' });
  const { header } = jwt.decode(token, { complete: true });
  return { sub: claims.sub, kid: header.kid };
}

const resolvers = {
  Query: {
    tenants: async () => tenants.list(),
    me: (_parent, _args, ctx) => ctx.caller?.sub ?? null,
  },
  Mutation: {
    suspendTenant: async (_parent, { id, reason }, ctx) => {
      const claims = jwt.decode(ctx.rawToken); // Noncompliant THC005
      if (!claims || !(claims.groups ?? []).includes('platform-admins')) {
        throw new Error('forbidden');
      }
      logInfo('suspending tenant', { tenantId: id, by: claims.sub, reason });
      return tenants.suspend(id, reason);
    },
  },
};

function formatError(formatted, error) {
  const original = error?.originalError ?? error;
  return { message: formatted.message, path: formatted.path, stack: original?.stack }; // Noncompliant THC003
}

const server = new ApolloServer({ typeDefs, resolvers, formatError });
await server.start();

const app = express();
app.use(express.json({ limit: '256kb' }));

app.use('/graphql', expressMiddleware(server, {
  context: async ({ req }) => {
    const authz = req.headers.authorization || '';
    logInfo('graphql call', { requestId: req.get('x-request-id'), op: req.body?.operationName });
    logInfo('graphql caller', { requestId: req.get('x-request-id'), authz }); // Noncompliant THC001
    const rawToken = authz.replace(/^Bearer\s+/i, '');
    let caller = null;
    try {
      caller = rawToken ? callerFromVerifiedToken(rawToken) : null;
    } catch (e) {
      logInfo('token verification failed', { reason: e.name });
    }
    return { rawToken, caller };
  },
}));

app.get('/healthz', (_req, res) => res.json({ ok: true, uptime: process.uptime() }));

app.use(errorhandler()); // Noncompliant THC004

const port = Number(process.env.PORT ?? 4000);
app.listen(port, () => logInfo('admin gateway listening', { port }));
