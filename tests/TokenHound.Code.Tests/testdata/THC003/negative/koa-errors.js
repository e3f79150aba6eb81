const Koa = require('koa');

const app = new Koa();

// a client-facing message for expected HTTP errors, with the request id (an id, not request data)
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    console.error('request failed', err);
    ctx.status = err.status || 500;
    ctx.body = { error: ctx.status === 500 ? 'internal_error' : err.message, requestId: ctx.get('x-request-id') };
  }
});

module.exports = app;
