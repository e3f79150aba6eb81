'use strict';

const jwt = require('jsonwebtoken');
const { GraphQLError } = require('graphql');
const bunyan = require('bunyan');
const reports = require('../services/reports');
const users = require('../services/users');

const log = bunyan.createLogger({ name: 'graphql' });
const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY;

function forbidden(message) {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

function bearer(req) {
  const header = req.headers.authorization || '';
  return header.startsWith('Bearer ') ? header.slice(7) : null;
}

// Apollo context factory: verifies the access token once per request
async function buildContext({ req }) {
  const token = bearer(req);
  if (!token) return { req, user: null };
  const claims = jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'], audience: 'orders-api', issuer: 'https://id.example.com/' });
  const { header } = jwt.decode(token, { complete: true });
  log.debug({ sub: claims.sub, kid: header.kid }, 'context built');
  return { req, user: { id: claims.sub, roles: claims.roles || [] } };
}

const resolvers = {
  Query: {
    me: (_parent, _args, ctx) => {
      if (!ctx.user) throw new GraphQLError('not signed in', { extensions: { code: 'UNAUTHENTICATED' } });
      return users.byId(ctx.user.id);
    },

    adminReport: async (_parent, args, ctx) => {
      const raw = ctx.req.headers['x-admin-token'];
      const claims = jwt.decode(raw); // Noncompliant THC005
      if (!claims || claims.role !== 'admin') throw forbidden('admin only');
      log.info({ month: args.month, admin: claims.sub }, 'admin report');
      return reports.build(args.month);
    },

    orders: async (_parent, { first = 20, after }, ctx) => {
      if (!ctx.user) return { edges: [], pageInfo: { hasNextPage: false } };
      const page = await reports.ordersFor(ctx.user.id, { first, after });
      log.info({ userId: ctx.user.id, nextToken: page.nextToken }, 'orders page');
      return page;
    },
  },

  Mutation: {
    impersonate: async (_parent, { userId }, ctx) => {
      const delegation = ctx.req.headers['x-delegation-token'] || '';
      const payload = JSON.parse(Buffer.from(delegation.split('.')[1], 'base64').toString('utf8')); // Noncompliant THC005
      if (!payload.scope || !payload.scope.includes('impersonate')) throw forbidden('missing impersonate scope');
      log.warn({ actor: payload.sub, target: userId }, 'impersonation started');
      return users.startImpersonation(payload.sub, userId);
    },

    updateProfile: async (_parent, { input }, ctx) => {
      if (!ctx.user) throw forbidden('sign in first');
      if (input.displayName && input.displayName.length > 64) {
        throw new GraphQLError('displayName too long', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return users.update(ctx.user.id, input);
    },
  },
};

module.exports = { resolvers, buildContext };
