'use strict';

// Lambda@Edge viewer-request trigger for the members-only video distribution.
// Edge functions cannot read environment variables, so everything is inlined.

const PUBLIC_PREFIXES = ['/assets/', '/favicon.ico', '/robots.txt', '/login'];
const SESSION_COOKIE = 'media_session';

function parseCookies(headers) {
  const out = {};
  (headers.cookie || []).forEach(({ value }) => {
    value.split(';').forEach((pair) => {
      const idx = pair.indexOf('=');
      if (idx > 0) out[pair.slice(0, idx).trim()] = pair.slice(idx + 1).trim();
    });
  });
  return out;
}

function deny(status, description) {
  return {
    status: String(status),
    statusDescription: description,
    headers: {
      'content-type': [{ key: 'Content-Type', value: 'text/plain' }],
      'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
    },
    body: description,
  };
}

exports.handler = (event, context, callback) => {
  const request = event.Records[0].cf.request;
  const headers = request.headers;

  if (PUBLIC_PREFIXES.some((p) => request.uri.startsWith(p))) {
    callback(null, request);
    return;
  }

  console.log('viewer-request headers', JSON.stringify(headers)); // Noncompliant THC002

  try {
    const cookies = parseCookies(headers);
    const auth = headers.authorization ? headers.authorization[0].value : '';
    const token = cookies[SESSION_COOKIE] || auth.replace(/^Bearer\s+/i, '');
    if (!token) {
      callback(null, deny(401, 'Unauthorized'));
      return;
    }

    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64').toString('utf8')); // Noncompliant THC005
    if (!Array.isArray(payload.groups) || !payload.groups.includes('subscribers')) {
      console.log(`denied ${request.uri} for sub=${payload.sub}`);
      callback(null, deny(403, 'Forbidden'));
      return;
    }

    if (!cookies[SESSION_COOKIE]) {
      // first hit with a bearer header (TV apps): pin the session in a cookie and bounce back
      const response = {
        status: '302',
        statusDescription: 'Found',
        headers: {
          location: [{ key: 'Location', value: request.uri }],
          'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
        },
      };
      response.headers['set-cookie'] = [{ key: 'Set-Cookie', value: `${SESSION_COOKIE}=${token}; Path=/; Max-Age=3600` }]; // Noncompliant THC007
      callback(null, response);
      return;
    }

    request.headers['x-viewer-sub'] = [{ key: 'X-Viewer-Sub', value: String(payload.sub) }];
    callback(null, request);
  } catch (err) {
    console.error('viewer-request failed', request.uri, err.message);
    callback(null, { status: '500', statusDescription: 'Internal Server Error', body: JSON.stringify({ error: err.message, stack: err.stack, uri: request.uri }) }); // Noncompliant THC003
  }
};
