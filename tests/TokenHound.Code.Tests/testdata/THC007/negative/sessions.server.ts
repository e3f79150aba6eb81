import { createCookie, createCookieSessionStorage } from '@remix-run/node';

const isProd = process.env.NODE_ENV === 'production';

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: '__session',
    httpOnly: true,
    secure: isProd,
    sameSite: 'lax',
    path: '/',
    secrets: [process.env.SESSION_SECRET ?? ''],
  },
});

export const refreshCookie = createCookie('__refresh', {
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
  path: '/auth/refresh',
  secrets: [process.env.REFRESH_COOKIE_SECRET ?? ''],
});

export const prefs = createCookie('ui_prefs', { path: '/', sameSite: 'lax' });
