const Koa = require('koa');
const Router = require('@koa/router');

const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.app.emit('error', err, ctx);
    if (process.env.EXPOSE_ERRORS === 'true') {
      ctx.body = { error: err.message, stack: err.stack }; // Noncompliant THC003
    } else {
      ctx.body = { error: 'Internal Server Error', id: ctx.state.requestId };
    }
  }
});

app.use(async (ctx, next) => {
  console.log('incoming headers', JSON.stringify(ctx.request.headers)); // Noncompliant THC002
  console.log('incoming', ctx.method, ctx.url, ctx.get('x-request-id'));
  await next();
});

router.get('/me', async (ctx) => {
  const token = ctx.get('Authorization');
  if (!token) {
    ctx.status = 401;
    ctx.body = { error: "missing token" };
    return;
  }
  ctx.body = { ok: true };
});

router.post('/echo', async (ctx) => {
  const auth = ctx.headers.authorization;
  ctx.status = 400;
  ctx.body = { error: 'bad request', received: auth }; // Noncompliant THC003
});

app.use(router.routes());
module.exports = app;
