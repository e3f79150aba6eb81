const jwt = require('jsonwebtoken');

function verifySchedulerToken(token) {
  return jwt.verify(token, process.env.SCHEDULER_TOKEN_SECRET, { algorithms: ['HS256'], issuer: 'internal-scheduler' });
}

function verifyPartnerToken(token) {
  return jwt.verify(token, process.env.PARTNER_PUBLIC_KEY, { algorithms: ['RS256'], issuer: 'partners' });
}

// the decoded header only picks the verification; the claims used come from a verified token
exports.handler = async (event) => {
  const token = (event.authorizationToken || '').replace(/^Bearer\s+/i, '');
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded) throw new Error('Unauthorized');
  const claims = decoded.header.alg === 'HS256' ? verifySchedulerToken(token) : verifyPartnerToken(token);
  return { principalId: claims.sub, policyDocument: { Version: '2012-10-17', Statement: [] } };
};

// a name to show from the ID token kept in the browser
function displayName(idToken) {
  const payload = JSON.parse(atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  return payload.given_name || payload.email;
}

module.exports.displayName = displayName;
