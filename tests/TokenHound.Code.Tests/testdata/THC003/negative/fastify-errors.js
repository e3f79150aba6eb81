// Fastify error handler that logs the error and returns a generic message.
const fastify = require('fastify')({ logger: true });

fastify.setErrorHandler((err, request, reply) => {
  request.log.error({ err, reqId: request.id }, 'request failed');
  reply.code(500).send({ message: 'internal error', requestId: request.id });
});

module.exports = fastify;
