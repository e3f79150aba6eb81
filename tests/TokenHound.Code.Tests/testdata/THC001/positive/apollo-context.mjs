import express from 'express';
import pino from 'pino';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@apollo/server/express4';

const log = pino();

function logInfo(msg, meta = {}) {
  log.info({ svc: 'support-gateway', ...meta }, msg);
}

const server = new ApolloServer({ typeDefs: 'type Query { ping: String }', resolvers: { Query: { ping: () => 'pong' } } });
await server.start();

const app = express();
app.use('/graphql', express.json(), expressMiddleware(server, {
  context: async ({ req }) => {
    const authz = req.headers.authorization || '';
    logInfo('graphql call', { requestId: req.get('x-request-id'), op: req.body?.operationName });
    logInfo('graphql caller', { requestId: req.get('x-request-id'), authz }); // Noncompliant
    return { rawToken: authz.replace(/^Bearer\s+/i, '') };
  },
}));
