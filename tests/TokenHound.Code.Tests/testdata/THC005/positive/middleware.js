const jwt = require('jsonwebtoken');

// Express middleware that trusts whatever the token says
function requireAdmin(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  const decoded = jwt.decode(token); // Noncompliant
  if (!decoded || decoded.role !== 'admin') {
    return res.status(403).json({ message: 'forbidden' });
  }
  req.user = decoded;
  next();
}

function userFromToken(token) {
  return jwt.decode(token, { complete: false }); // Noncompliant
}

function tenantOf(event) {
  const raw = event.headers.Authorization.replace('Bearer ', '');
  const [, payload] = raw.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')); // Noncompliant
  return claims['custom:tenant'];
}

function verifyLoose(token, publicKey) {
  return jwt.verify(token, publicKey, { algorithms: ['RS256', 'none'] }); // Noncompliant
}

module.exports = { requireAdmin, userFromToken, tenantOf, verifyLoose };
