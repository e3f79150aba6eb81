'use strict';

const fp = require('fastify-plugin');
const crypto = require('crypto');

const PUBLIC_ROUTES = new Set(['/health', '/ready', '/metrics']);
const MAX_PAGE_SIZE = 100;

/**
 * Normalises pagination query params coming from the API.
 */
function parsePagination(query = {}) {
  const page = Math.max(1, parseInt(query.page, 10) || 1);
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, parseInt(query.size, 10) || 20));
  return { page, size, offset: (page - 1) * size };
}

function fingerprint(value) {
  return crypto.createHash('sha256').update(String(value)).digest('hex').slice(0, 12);
}

function isPublic(url) {
  const path = url.split('?')[0];
  return PUBLIC_ROUTES.has(path);
}

async function authPlugin(fastify, opts) {
  fastify.decorateRequest('principal', null);

  fastify.addHook('onRequest', async (request, reply) => {
    if (isPublic(request.url)) {
      return;
    }
    const authHeader = request.headers.authorization;
    if (!authHeader) {
      request.log.info({ reqId: request.id }, 'missing authorization header');
      return reply.code(401).send({ message: 'Unauthorized' });
    }
    request.log.debug(`incoming auth header ${authHeader}`); // Noncompliant THC001
    request.log.info({ tokenFingerprint: fingerprint(authHeader) }, 'auth header present');
    request.principal = await opts.resolvePrincipal(authHeader.replace(/^Bearer\s+/i, ''));
  });

  fastify.addHook('preHandler', async (request) => {
    request.pagination = parsePagination(request.query);
  });

  fastify.setErrorHandler((err, request, reply) => {
    request.log.error({ err, reqId: request.id }, 'request failed');
    if (err.validation) {
      return reply.code(400).send({ message: 'Invalid request', details: err.validation });
    }
    reply.code(500).send(err.stack); // Noncompliant THC003
  });

  fastify.get('/whoami', async (request) => {
    const { principal } = request;
    request.log.info({ userId: principal && principal.sub }, 'whoami');
    return { sub: principal.sub, groups: principal.groups || [] };
  });
}

module.exports = fp(authPlugin, { name: 'auth-plugin', fastify: '4.x' });
module.exports.parsePagination = parsePagination;
