const express = require('express');
const cookieParser = require('cookie-parser');
const { issueSession } = require('./sessions');

const app = express();
app.use(express.json());
app.use(cookieParser());

app.use((req, res, next) => {
  console.log(`${req.method} ${req.path} ua=${req.get('user-agent')}`);
  next();
});

app.post('/session', async (req, res) => {
  console.log('session request headers', req.headers); // Noncompliant THC002
  const { sessionToken, refreshToken } = await issueSession(req.body.username, req.body.password);
  res.cookie('sid', sessionToken); // Noncompliant THC007
  res.cookie('refresh', refreshToken, { secure: true, sameSite: 'strict' }); // Noncompliant THC007
  res.cookie('theme', req.body.theme || 'light');
  res.json({ ok: true });
});

app.post('/session/secure', async (req, res) => {
  const { sessionToken } = await issueSession(req.body.username, req.body.password);
  res.cookie('sid', sessionToken, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 3600_000 });
  res.status(204).end();
});

app.use((err, req, res, next) => {
  console.error('unhandled', err);
  if (req.path.startsWith('/debug')) {
    return res.status(500).json({ message: err.message, stack: err.stack }); // Noncompliant THC003
  }
  res.status(500).json({ message: 'internal error', requestId: req.get('x-request-id') });
});

module.exports = app;
