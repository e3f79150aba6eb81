// Express middleware of a support console: the staff token comes from the Authorization header or the session cookie.
const jwt = require('jsonwebtoken');

function staffToken(req) {
  const header = req.headers.authorization || '';
  return header.startsWith('Bearer ') ? header.slice(7) : req.cookies.staff_session;
}

function requireRefundAdmin(req, res, next) {
  const token = staffToken(req);
  const claims = token ? jwt.decode(token) : null; // Noncompliant
  if (!claims || !Array.isArray(claims.roles) || !claims.roles.includes('refund_admin')) {
    return res.status(403).json({ error: 'forbidden' });
  }
  req.staff = { id: claims.sub, roles: claims.roles };
  return next();
}

function requireTenant(req, res, next) {
  const claims = jwt.decode(staffToken(req)) || {}; // Noncompliant
  if (claims.tenant !== req.params.tenantId) {
    return res.status(403).json({ error: 'wrong tenant' });
  }
  return next();
}

module.exports = { requireRefundAdmin, requireTenant };
