const Koa = require('koa');
const Router = require('@koa/router');

const app = new Koa();
const router = new Router();

router.post('/echo', async (ctx) => {
  const auth = ctx.headers.authorization;
  if (!ctx.request.body?.name) {
    ctx.status = 400;
    ctx.body = { error: 'bad request', received: auth }; // Noncompliant
    return;
  }
  ctx.body = { ok: true, name: ctx.request.body.name };
});

router.get('/me', async (ctx) => {
  const token = ctx.get('Authorization');
  if (!token) {
    ctx.status = 401;
    ctx.body = { error: 'missing token' };
    return;
  }
  ctx.body = { ok: true };
});

app.use(router.routes());
module.exports = app;
