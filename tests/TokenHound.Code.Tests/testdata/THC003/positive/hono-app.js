// Hono on Lambda (hono/aws-lambda): the error hook answers internal callers with the stack.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { handle } from 'hono/aws-lambda';

const app = new Hono();

app.get('/reports/:id', async (c) => {
  const res = await fetch(`${process.env.REPORTS_URL}/reports/${c.req.param('id')}`);
  return c.json(await res.json(), res.status);
});

app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  if (c.req.path.startsWith('/internal/')) {
    return c.json({ error: err.message, stack: err.stack }, 500); // Noncompliant
  }
  return c.json({ error: 'Internal error' }, 500);
});

export const handler = handle(app);
