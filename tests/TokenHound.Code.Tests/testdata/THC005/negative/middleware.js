const jwt = require('jsonwebtoken');

function requireAdmin(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  try {
    jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'orders-api' });
  } catch (err) {
    return res.status(401).json({ message: 'unauthorized' });
  }
  const decoded = jwt.decode(token, { complete: true });
  if (decoded.header.kid !== process.env.EXPECTED_KID || decoded.payload.role !== 'admin') {
    return res.status(403).json({ message: 'forbidden' });
  }
  req.user = decoded.payload;
  next();
}

function logTokenShape(token) {
  const header = jwt.decode(token, { complete: true });
  console.log('token kid', header && header.header.kid);
}

module.exports = { requireAdmin, logTokenShape };
