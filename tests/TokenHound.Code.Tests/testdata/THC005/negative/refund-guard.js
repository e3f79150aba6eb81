// Express middleware of a support console: the token is verified first; a decode behind a guard only reads the header
// or a display name.
const jwt = require('jsonwebtoken');

const SESSION_KEY = process.env.CONSOLE_SESSION_KEY;

function staffToken(req) {
  const header = req.headers.authorization || '';
  return header.startsWith('Bearer ') ? header.slice(7) : req.cookies.staff_session;
}

function requireRefundAdmin(req, res, next) {
  const token = staffToken(req);
  try {
    jwt.verify(token, SESSION_KEY, { algorithms: ['HS256'], audience: 'refund-console' });
  } catch (e) {
    return res.status(401).json({ error: 'unauthorized' });
  }
  const claims = token ? jwt.decode(token) : null;
  if (!claims || !claims.roles.includes('refund_admin')) {
    return res.status(403).json({ error: 'forbidden' });
  }
  return next();
}

function greeting(req, res, next) {
  const token = staffToken(req);
  const profile = token ? jwt.decode(token) : null;
  res.locals.displayName = profile ? profile.name : 'there';
  return next();
}

module.exports = { requireRefundAdmin, greeting };
