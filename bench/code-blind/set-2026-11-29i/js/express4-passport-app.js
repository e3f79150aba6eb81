'use strict';

// Express 4 + passport-local app from 2016. The /admin sub-app is the original code;
// the main app was partly cleaned up during the 2019 hardening sprint.

const express = require('express');
const bodyParser = require('body-parser');
const cookieParser = require('cookie-parser');
const session = require('express-session');
const passport = require('passport');
const LocalStrategy = require('passport-local').Strategy;
const errorhandler = require('errorhandler');
const winston = require('winston');
const crypto = require('crypto');
const users = require('./lib/users');
const tokens = require('./lib/tokens');
const adminRoutes = require('./routes/admin');

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const app = express();
app.use(bodyParser.json());
app.use(bodyParser.urlencoded({ extended: false }));
app.use(cookieParser());
app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
}));
app.use(passport.initialize());
app.use(passport.session());

passport.use(new LocalStrategy((username, password, done) => {
  users.authenticate(username, password, (err, user) => {
    if (err) return done(err);
    if (!user) {
      logger.warn('login failed', { username });
      return done(null, false);
    }
    return done(null, user);
  });
}));
passport.serializeUser((user, done) => done(null, user.id));
passport.deserializeUser((id, done) => users.findById(id, done));

function fingerprint(value) {
  return crypto.createHash('sha256').update(String(value)).digest('hex').slice(0, 12);
}

function ensureAuth(req, res, next) {
  if (req.isAuthenticated()) return next();
  return res.status(401).json({ error: 'login required' });
}

app.post('/login', passport.authenticate('local'), (req, res, next) => {
  tokens.issue(req.user, (err, apiToken, rememberToken) => {
    if (err) return next(err);
    logger.info(`issued api token for ${req.user.id}: ${apiToken}`); // Noncompliant THC001
    logger.info('api token fingerprint', { userId: req.user.id, fp: fingerprint(apiToken) });
    res.cookie('api_token', apiToken, { maxAge: 8 * 3600 * 1000 }); // Noncompliant THC007
    res.cookie('remember_me', rememberToken, {
      maxAge: 30 * 24 * 3600 * 1000, httpOnly: true, secure: true, sameSite: 'strict',
    });
    res.json({ ok: true, user: { id: req.user.id, name: req.user.displayName } });
  });
});

app.get('/api/me', ensureAuth, (req, res) => {
  res.json({ id: req.user.id, name: req.user.displayName, roles: req.user.roles });
});

// --- legacy admin console (unchanged since 2016) ---
const admin = express();
admin.use(ensureAuth);
admin.use(adminRoutes);
admin.use(errorhandler()); // Noncompliant THC004
app.use('/admin', admin);

// --- main app error handling ---
if (process.env.NODE_ENV === 'development') {
  app.use(errorhandler());
} else {
  app.use((err, req, res, next) => { // eslint-disable-line no-unused-vars
    const correlationId = req.get('X-Correlation-Id') || crypto.randomBytes(8).toString('hex');
    logger.error('unhandled error', { correlationId, path: req.path, code: err.code });
    res.status(500).json({ error: 'internal error', correlationId });
  });
}

app.listen(process.env.PORT || 3000, () => logger.info('listening'));
