// Debug routes kept from the JS version of the orders API.
import express, { Request, Response } from 'express';
import jwt from 'jsonwebtoken';

const app = express();

app.get('/v1/whoami', (req: Request, res: Response) => {
  res.json({ ok: true, authorization: req.headers.authorization, ip: req.ip }); // Noncompliant THC003
});

app.get('/v1/echo-session', (req: Request, res: Response) => {
  res.send(`session cookie: ${req.headers.cookie}`); // Noncompliant THC003
});

app.get('/v1/api-key', (req: Request, res: Response) => {
  res.status(200).json({ key: req.get('X-Api-Key') }); // Noncompliant THC003
});

app.get('/v2/whoami', (req: Request, res: Response) => {
  res.json({ ok: true, authenticated: Boolean(req.headers.authorization), requestId: req.get('X-Request-Id') });
});

app.post('/v2/login', (req: Request, res: Response) => {
  const accessToken = jwt.sign({ sub: req.body.user }, process.env.SIGNING_KEY ?? '', { expiresIn: '15m' });
  res.json({ accessToken, tokenType: 'Bearer' });
});

export default app;
