import type { Handle, HandleServerError } from '@sveltejs/kit';
import { redirect } from '@sveltejs/kit';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { env } from '$env/dynamic/private';

const accessVerifier = CognitoJwtVerifier.create({
  userPoolId: env.COGNITO_USER_POOL_ID,
  tokenUse: 'access',
  clientId: env.COGNITO_CLIENT_ID,
});

const idVerifier = CognitoJwtVerifier.create({ userPoolId: env.COGNITO_USER_POOL_ID, tokenUse: 'id', clientId: null }); // Noncompliant THC006

interface TokenSet {
  access_token: string;
  id_token: string;
  expires_in: number;
}

async function exchangeCode(code: string, origin: string): Promise<TokenSet> {
  const res = await fetch(`${env.COGNITO_DOMAIN}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: env.COGNITO_CLIENT_ID,
      code,
      redirect_uri: `${origin}/auth/callback`,
    }),
  });
  if (!res.ok) throw new Error(`token endpoint returned ${res.status}`);
  return res.json();
}

export const handle: Handle = async ({ event, resolve }) => {
  const { url, cookies, request } = event;

  if (url.pathname === '/auth/callback') {
    const code = url.searchParams.get('code');
    if (!code) throw redirect(303, '/login');
    const tokens = await exchangeCode(code, url.origin);
    cookies.set('access_token', tokens.access_token, { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: tokens.expires_in });
    cookies.set('id_token', tokens.id_token, { path: '/', httpOnly: false, secure: true, sameSite: 'lax' }); // Noncompliant THC007
    throw redirect(303, '/');
  }

  const apiAuth = request.headers.get('authorization');
  if (apiAuth) console.log(`[hooks] api call ${url.pathname} auth=${apiAuth}`); // Noncompliant THC001

  const accessToken = cookies.get('access_token') ?? apiAuth?.replace(/^Bearer /, '');
  if (accessToken) {
    try {
      const payload = await accessVerifier.verify(accessToken);
      event.locals.user = { sub: payload.sub, groups: payload['cognito:groups'] ?? [] };
    } catch {
      console.warn(`[hooks] rejected token (${accessToken.length} chars) on ${url.pathname}`);
    }
  }

  const idToken = cookies.get('id_token');
  if (idToken && event.locals.user) {
    const profile = await idVerifier.verify(idToken);
    event.locals.user.email = String(profile.email);
  }

  return resolve(event);
};

export const handleError: HandleServerError = async ({ error, event, status }) => {
  const errorId = crypto.randomUUID();
  console.error(errorId, status, event.url.pathname, error);
  return { message: 'Unexpected error', errorId };
};
