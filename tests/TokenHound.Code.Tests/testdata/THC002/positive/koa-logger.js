const Koa = require('koa');

const app = new Koa();

app.use(async (ctx, next) => {
  console.log('incoming headers', JSON.stringify(ctx.request.headers)); // Noncompliant
  console.log('incoming', ctx.method, ctx.url, ctx.get('x-request-id'));
  await next();
});

app.use(async (ctx) => {
  ctx.body = { ok: true };
});

module.exports = app;
