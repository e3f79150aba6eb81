import { createCookie, createCookieSessionStorage, json, redirect } from '@remix-run/node';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';

const isProd = process.env.NODE_ENV === 'production';
const PARTNER_API = process.env.PARTNER_API_BASE ?? 'https://api.partner-crm.example.net';
const AUTH_PUBLIC_KEY = process.env.AUTH_PUBLIC_KEY ?? '';

export const sessionStorage = createCookieSessionStorage({ // Noncompliant THC007
  cookie: {
    name: '__session',
    httpOnly: false,
    secure: isProd,
    sameSite: 'lax',
    path: '/',
    secrets: [process.env.SESSION_SECRET ?? ''],
    maxAge: 60 * 60 * 12,
  },
});

export const refreshCookie = createCookie('__refresh', {
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
  path: '/auth/refresh',
  secrets: [process.env.REFRESH_COOKIE_SECRET ?? ''],
  maxAge: 60 * 60 * 24 * 30,
});

type AppClaims = { sub: string; tid: string; roles: string[] };

function readBearer(request: Request): AppClaims {
  const token = request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? '';
  return jwt.verify(token, AUTH_PUBLIC_KEY, { algorithms: ['RS256'], issuer: 'https://auth.example.com', ignoreExpiration: true }) as AppClaims; // Noncompliant THC006
}

async function loadPartnerAccounts(partnerToken: string) {
  const res = await fetch(`${PARTNER_API}/v2/accounts?access_token=${encodeURIComponent(partnerToken)}`); // Noncompliant THC009
  if (!res.ok) {
    throw new Error(`partner responded ${res.status}`);
  }
  return (await res.json()) as { id: string; name: string }[];
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  const partnerToken = session.get('partnerToken') as string | undefined;
  if (!partnerToken) {
    return redirect('/integrations/connect');
  }
  try {
    return json({ accounts: await loadPartnerAccounts(partnerToken) });
  } catch (error) {
    const correlationId = randomUUID();
    console.error('partner accounts failed', { correlationId, tenant: session.get('tenantId'), message: (error as Error).message });
    return json({ error: 'Could not load partner accounts', correlationId }, { status: 502 });
  }
}

export async function action({ request }: ActionFunctionArgs) {
  try {
    const claims = readBearer(request);
    if (!claims.roles.includes('integrations:manage')) {
      return json({ error: 'forbidden' }, { status: 403 });
    }
    const form = await request.formData();
    const session = await sessionStorage.getSession(request.headers.get('Cookie'));
    session.set('tenantId', claims.tid);
    session.set('partnerToken', String(form.get('partnerToken') ?? ''));
    return redirect('/integrations', {
      headers: {
        'Set-Cookie': await sessionStorage.commitSession(session),
      },
    });
  } catch (error) {
    return json({ message: 'Could not connect integration', stack: (error as Error).stack }, { status: 500 }); // Noncompliant THC003
  }
}
