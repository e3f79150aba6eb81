import { createCookie, createCookieSessionStorage } from '@remix-run/node';

export const { getSession, commitSession, destroySession } = createCookieSessionStorage({ // Noncompliant THC007
  cookie: {
    name: '__session',
    sameSite: 'lax',
    path: '/',
    secrets: [process.env.SESSION_SECRET ?? ''],
    maxAge: 60 * 60 * 8,
  },
});

export const accessTokenCookie = createCookie('access_token', { // Noncompliant THC007
  httpOnly: false,
  secure: true,
  sameSite: 'strict',
  secrets: [process.env.COOKIE_SECRET ?? ''],
});

export const themeCookie = createCookie('theme', { path: '/', maxAge: 31536000 });
