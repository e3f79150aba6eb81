import type { NextApiRequest, NextApiResponse } from 'next';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'crypto';

const cognito = new CognitoIdentityProviderClient({ region: process.env.AWS_REGION });
const CLIENT_ID = process.env.COGNITO_CLIENT_ID as string;
const CLIENT_SECRET = process.env.COGNITO_CLIENT_SECRET as string;

type LoginBody = { username?: string; password?: string };

function secretHash(username: string): string {
  return createHmac('sha256', CLIENT_SECRET).update(username + CLIENT_ID).digest('base64');
}

function normaliseUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

function sessionCookie(name: string, value: string, maxAge: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).end();
  }
  const { username, password } = (req.body ?? {}) as LoginBody;
  if (!username || !password) {
    return res.status(400).json({ error: 'missing credentials' });
  }
  const user = normaliseUsername(username);
  try {
    const out = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: user, PASSWORD: password, SECRET_HASH: secretHash(user) },
    }));
    const result = out.AuthenticationResult!;
    console.log('cognito auth result', result); // Noncompliant THC001
    const refreshCookie = sessionCookie('refresh', result.RefreshToken!, 2592000);
    res.setHeader('Set-Cookie', [refreshCookie, `id_token=${result.IdToken}; Path=/; Max-Age=${result.ExpiresIn}`]); // Noncompliant THC007
    return res.status(200).json({ user, expiresIn: result.ExpiresIn });
  } catch (err: any) {
    console.error('login failed', user, err.name);
    return res.status(500).json({ error: err.message, stack: err.stack }); // Noncompliant THC003
  }
}
