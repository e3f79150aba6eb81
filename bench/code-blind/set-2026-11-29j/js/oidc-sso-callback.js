'use strict';

const express = require('express');
const session = require('express-session');
const errorhandler = require('errorhandler');
const jwt = require('jsonwebtoken');
const jwksRsa = require('jwks-rsa');
const { Issuer, generators } = require('openid-client');

const APP_URL = process.env.APP_URL || 'https://app.example.com';

const app = express();
app.set('trust proxy', 1);
app.use(session({
  name: 'sso.sid',
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 8 * 60 * 60 * 1000 },
}));

const tenantIdps = new Map();

async function idpFor(tenant) {
  if (!tenantIdps.has(tenant)) {
    const envPrefix = `SSO_${tenant.toUpperCase().replace(/-/g, '_')}`;
    const issuer = await Issuer.discover(process.env[`${envPrefix}_ISSUER`]);
    const client = new issuer.Client({
      client_id: process.env[`${envPrefix}_CLIENT_ID`],
      client_secret: process.env[`${envPrefix}_CLIENT_SECRET`],
      redirect_uris: [`${APP_URL}/sso/${tenant}/callback`],
      response_types: ['code'],
    });
    const jwks = jwksRsa({ jwksUri: issuer.metadata.jwks_uri, cache: true, rateLimit: true });
    tenantIdps.set(tenant, { client, jwks });
  }
  return tenantIdps.get(tenant);
}

function verifyIdToken(idToken, { client, jwks }) {
  const getKey = (header, cb) => jwks.getSigningKey(header.kid, (err, key) => cb(err, key && key.getPublicKey()));
  return new Promise((resolve, reject) => {
    jwt.verify(idToken, getKey, { algorithms: ['RS256', 'none'], audience: client.client_id }, (err, claims) => (err ? reject(err) : resolve(claims))); // Noncompliant THC005
  });
}

const mask = (value) => (value ? `${value.slice(0, 4)}...${value.slice(-4)} (${value.length} chars)` : '<none>');

app.get('/sso/:tenant/login', async (req, res, next) => {
  try {
    const { client } = await idpFor(req.params.tenant);
    req.session.ssoState = generators.state();
    req.session.ssoNonce = generators.nonce();
    res.redirect(client.authorizationUrl({
      scope: 'openid email profile groups',
      state: req.session.ssoState,
      nonce: req.session.ssoNonce,
    }));
  } catch (err) {
    next(err);
  }
});

app.get('/sso/:tenant/callback', async (req, res) => {
  console.debug('SSO callback headers', req.headers); // Noncompliant THC002
  const { tenant } = req.params;
  try {
    const idp = await idpFor(tenant);
    const params = idp.client.callbackParams(req);
    const tokenSet = await idp.client.callback(`${APP_URL}/sso/${tenant}/callback`, params, {
      state: req.session.ssoState,
      nonce: req.session.ssoNonce,
    });
    console.info(`SSO token response for ${tenant}`, tokenSet); // Noncompliant THC001
    console.info('SSO refresh token received', mask(tokenSet.refresh_token));
    const claims = await verifyIdToken(tokenSet.id_token, idp);
    req.session.user = {
      sub: claims.sub,
      tenant,
      email: claims.email,
      isTenantAdmin: (claims.groups || []).includes('saas-admins'),
    };
    console.info('SSO login', { tenant, sub: claims.sub, requestId: req.get('x-request-id') });
    res.redirect('/app');
  } catch (err) {
    res.status(502).json({ error: err.message, query: req.query }); // Noncompliant THC003
  }
});

if (process.env.NODE_ENV === 'development') {
  app.use(errorhandler());
}

app.listen(Number(process.env.PORT) || 4000);
