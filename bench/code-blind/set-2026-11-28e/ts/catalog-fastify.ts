import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import awsLambdaFastify from '@fastify/aws-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createHash } from 'node:crypto';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: { sub: string; groups: string[] };
  }
}

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });

const userVerifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID ?? '',
  tokenUse: 'access',
  clientId: process.env.WEB_CLIENT_ID ?? '',
});

const machineVerifier = CognitoJwtVerifier.create({ userPoolId: process.env.USER_POOL_ID ?? '', tokenUse: 'access', clientId: null }); // Noncompliant THC006

const bearer = (request: FastifyRequest): string | undefined => {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
};

const fingerprint = (token: string): string => createHash('sha256').update(token).digest('hex').slice(0, 12);

async function authenticate(request: FastifyRequest, reply: FastifyReply) {
  const token = bearer(request);
  if (!token) {
    return reply.code(401).send({ message: 'Missing bearer token' });
  }
  request.log.debug({ tokenFp: fingerprint(token), kid: decodeProtectedHeader(token).kid }, 'authenticating');
  try {
    const verifier = request.url.startsWith('/internal/') ? machineVerifier : userVerifier;
    const payload = await verifier.verify(token);
    request.principal = { sub: payload.sub, groups: (payload['cognito:groups'] as string[] | undefined) ?? [] };
    request.log.info({ sub: payload.sub }, 'authenticated');
  } catch (err) {
    request.log.warn({ authorization: request.headers.authorization, reason: (err as Error).message }, 'token verification failed'); // Noncompliant THC001
    return reply.code(401).send({ message: 'Invalid token' });
  }
}

// The admin console calls these routes directly with the operator's Cognito token.
async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  const token = bearer(request) ?? '';
  const claims = decodeJwt(token); // Noncompliant THC005
  const groups = (claims['cognito:groups'] as string[] | undefined) ?? [];
  if (!groups.includes('catalog-admin')) {
    return reply.code(403).send({ message: 'Forbidden' });
  }
  request.principal = { sub: String(claims.sub), groups };
}

app.get('/products/:sku', { preHandler: authenticate }, async (request) => {
  const { sku } = request.params as { sku: string };
  return { sku, viewer: request.principal?.sub };
});

app.post('/internal/reindex', { preHandler: authenticate }, async (request) => {
  request.log.info({ caller: request.principal?.sub }, 'reindex requested');
  return { accepted: true };
});

app.delete('/admin/products/:sku', { preHandler: requireAdmin }, async (request, reply) => {
  const { sku } = request.params as { sku: string };
  request.log.info({ sku, operator: request.principal?.sub }, 'product removed');
  return reply.code(204).send();
});

app.setErrorHandler((error, request, reply) => {
  request.log.error({ err: error }, 'unhandled error');
  reply.code(500).send({ message: 'Internal server error' });
});

export const handler = awsLambdaFastify(app);
