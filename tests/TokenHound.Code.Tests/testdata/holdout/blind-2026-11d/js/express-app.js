const express = require('express');
const errorhandler = require('errorhandler');
const cookieParser = require('cookie-parser');
const serverless = require('serverless-http');
const { issueSession, lookupProfile } = require('./lib/session');

const app = express();
app.use(express.json());
app.use(cookieParser());

app.use(errorhandler()); // Noncompliant THC004

if (process.env.NODE_ENV === 'development') {
  app.use(errorhandler({ log: true }));
}

app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  const session = await issueSession(username, password);
  res.cookie('session_token', session.token, { maxAge: 3600 * 1000 }); // Noncompliant THC007
  res.cookie('ui_lang', req.body.lang || 'en', { maxAge: 86400 * 1000 });
  res.json({ ok: true, user: session.userId });
});

app.post('/refresh', async (req, res) => {
  const session = await issueSession(null, null, req.cookies.refresh_token);
  res.cookie('session_token', session.token, { httpOnly: true, secure: true, sameSite: 'strict' });
  res.json({ ok: true });
});

app.get('/profile', async (req, res) => {
  try {
    const profile = await lookupProfile(req.cookies.session_token);
    res.json(profile);
  } catch (err) {
    res.status(500).json({ error: err.message, stack: err.stack }); // Noncompliant THC003
  }
});

app.get('/health', (req, res) => {
  res.json({ status: 'ok', uptime: process.uptime() });
});

app.use((err, req, res, next) => {
  console.error('unhandled', err);
  res.status(500).json({ error: 'internal server error' });
});

module.exports.handler = serverless(app);
