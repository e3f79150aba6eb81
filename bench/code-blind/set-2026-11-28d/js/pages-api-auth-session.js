// pages/api/auth/session.js
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { serialize } from 'cookie';
import { appConfig } from '../../../lib/config';

const cognito = new CognitoIdentityProviderClient({ region: appConfig.region });

const logEvent = (msg, meta = {}) => {
  console.info(JSON.stringify({ level: 'info', msg, ts: Date.now(), ...meta }));
};

function readCredentials(body) {
  if (!body || typeof body !== 'object') {
    return null;
  }
  const { username, password } = body;
  if (!username || !password) {
    return null;
  }
  return { username: String(username).trim().toLowerCase(), password };
}

export default async function handler(req, res) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).end();
  }

  const creds = readCredentials(req.body);
  if (!creds) {
    return res.status(400).json({ message: 'username and password are required' });
  }

  const requestId = req.headers['x-request-id'] || 'n/a';
  logEvent('login attempt', { requestId, user: creds.username });

  try {
    const result = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: appConfig.userPoolClientId,
        AuthParameters: { USERNAME: creds.username, PASSWORD: creds.password },
      }),
    );

    if (result.ChallengeName) {
      return res.status(200).json({ challenge: result.ChallengeName, session: result.Session });
    }

    const tokens = result.AuthenticationResult;
    logEvent('session established', { requestId, user: creds.username, tokens }); // Noncompliant THC001

    const cookies = [];
    cookies.push(
      serialize('refresh_token', tokens.RefreshToken, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: '/api/auth',
        maxAge: 60 * 60 * 24 * 30,
      }),
    );
    cookies.push(serialize('id_token', tokens.IdToken, { path: '/', maxAge: tokens.ExpiresIn })); // Noncompliant THC007
    res.setHeader('Set-Cookie', cookies);

    return res.status(200).json({ user: creds.username, expiresIn: tokens.ExpiresIn });
  } catch (err) {
    if (err.name === 'NotAuthorizedException' || err.name === 'UserNotFoundException') {
      return res.status(401).json({ message: 'Invalid username or password' });
    }
    return res.status(500).json({ message: 'login failed', error: err.message, stack: err.stack }); // Noncompliant THC003
  }
}
