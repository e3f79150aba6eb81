import express, { Request, Response } from 'express';
import pino from 'pino';

const app = express();
const log = pino({ redact: ['req.headers.authorization', 'req.headers.cookie'] });

app.use((req: Request, res: Response, next) => {
  log.info({ method: req.method, url: req.originalUrl, ua: req.get('user-agent') }, 'incoming request');
  next();
});

export default app;
