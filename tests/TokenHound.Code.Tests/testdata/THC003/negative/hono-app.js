// Hono on Lambda (hono/aws-lambda): errors are logged with a correlation id and answered generically.
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
  const correlationId = crypto.randomUUID();
  console.error(`[${correlationId}] unhandled error`, err);
  return c.json({ error: 'Internal error', correlationId }, 500);
});

export const handler = handle(app);
