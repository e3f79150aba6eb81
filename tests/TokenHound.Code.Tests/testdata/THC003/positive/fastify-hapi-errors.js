// Fastify error handler and a Hapi route that return the stack trace to the caller.
const fastify = require('fastify')({ logger: true });
const { loadOrder } = require('./orders');

fastify.setErrorHandler((err, request, reply) => {
  request.log.error({ reqId: request.id }, 'request failed');
  if (err.validation) {
    return reply.code(400).send({ message: 'invalid request' });
  }
  reply.code(500).send(err.stack); // Noncompliant
});

async function getOrder(request, h) {
  try {
    return h.response(await loadOrder(request.params.id));
  } catch (err) {
    request.logger.error({ id: request.params.id }, 'getOrder failed');
    return h.response({ message: 'internal error', trace: err.stack }).code(500); // Noncompliant
  }
}

module.exports = { fastify, getOrder };
