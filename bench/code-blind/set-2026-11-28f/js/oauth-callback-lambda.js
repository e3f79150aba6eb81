'use strict';

const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const { Logger } = require('@aws-lambda-powertools/logger');

const logger = new Logger({ serviceName: 'oauth-callback' });
const secrets = new SecretsManagerClient({});

const COGNITO_DOMAIN = process.env.COGNITO_DOMAIN;
const CLIENT_ID = process.env.CLIENT_ID;
const CLIENT_SECRET_ARN = process.env.CLIENT_SECRET_ARN;
const REDIRECT_URI = process.env.REDIRECT_URI;
const APP_URL = process.env.APP_URL || 'https://app.example.com';

let cachedClientSecret;

async function getClientSecret() {
  if (cachedClientSecret) return cachedClientSecret;
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: CLIENT_SECRET_ARN }));
  cachedClientSecret = JSON.parse(out.SecretString).clientSecret;
  logger.info('client secret loaded', { secretArn: CLIENT_SECRET_ARN, versionId: out.VersionId });
  return cachedClientSecret;
}

async function exchangeCode(code, codeVerifier) {
  const secret = await getClientSecret();
  const basic = Buffer.from(`${CLIENT_ID}:${secret}`).toString('base64');
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: codeVerifier,
  });
  const resp = await fetch(`https://${COGNITO_DOMAIN}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
    body: form.toString(),
  });
  if (!resp.ok) {
    throw new Error(`token endpoint returned ${resp.status}`);
  }
  return resp.json();
}

function parseCookies(list) {
  const jar = {};
  for (const entry of list || []) {
    const idx = entry.indexOf('=');
    if (idx > 0) jar[entry.slice(0, idx).trim()] = decodeURIComponent(entry.slice(idx + 1));
  }
  return jar;
}

exports.handler = async (event, context) => {
  console.log('callback event', JSON.stringify(event)); // Noncompliant THC002
  logger.appendKeys({ requestId: context.awsRequestId });

  const params = event.queryStringParameters || {};
  if (!params.code) {
    return { statusCode: 400, body: JSON.stringify({ message: 'missing code' }) };
  }
  const cookies = parseCookies(event.cookies);
  if (!cookies.oauth_state || cookies.oauth_state !== params.state) {
    logger.warn('state mismatch', { hasStateCookie: Boolean(cookies.oauth_state) });
    return { statusCode: 400, body: JSON.stringify({ message: 'invalid state' }) };
  }

  try {
    const tokens = await exchangeCode(params.code, cookies.pkce_verifier);
    logger.debug('token exchange complete', { tokens }); // Noncompliant THC001
    logger.info('issued session', { expiresIn: tokens.expires_in, idTokenLength: tokens.id_token.length });

    const idCookie = `id_token=${tokens.id_token}; Path=/; Secure; Max-Age=${tokens.expires_in}`; // Noncompliant THC007
    const refreshCookie = `refresh_token=${tokens.refresh_token}; Path=/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=2592000`;
    const clearState = 'oauth_state=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0';

    return {
      statusCode: 302,
      headers: { Location: `${APP_URL}/dashboard` },
      cookies: [idCookie, refreshCookie, clearState],
    };
  } catch (err) {
    logger.error('code exchange failed', err);
    return { statusCode: 502, body: JSON.stringify({ message: 'login failed, please retry' }) };
  }
};
