import express, { Request, Response } from 'express';
import pino from 'pino';

const app = express();
const log = pino();

app.use((req: Request, res: Response, next) => {
  log.info({ headers: req.headers }, 'incoming request'); // Noncompliant
  next();
});

app.get('/orders/:id', (req: Request, res: Response) => {
  log.info(`fetch order ${req.params.id}`);
  res.json({ id: req.params.id });
});

export default app;
