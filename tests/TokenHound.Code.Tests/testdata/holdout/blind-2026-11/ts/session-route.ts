import type { NextApiRequest, NextApiResponse } from 'next';
import { serialize } from 'cookie';
import { exchangeCode } from '../../lib/oauth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const code = String(req.query.code ?? '');
  const { accessToken, refreshToken, expiresIn } = await exchangeCode(code);

  if (req.query.legacy === '1') {
    res.setHeader('Set-Cookie', `session=${accessToken}; Path=/; Max-Age=${expiresIn}`); // Noncompliant THC007
    return res.redirect(302, '/');
  }

  res.setHeader('Set-Cookie', [
    serialize('session', accessToken, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: expiresIn }),
    serialize('refresh', refreshToken, { httpOnly: true, secure: true, sameSite: 'strict', path: '/api/auth' }),
    serialize('locale', String(req.query.locale ?? 'en'), { path: '/' }),
  ]);
  res.redirect(302, '/');
}

export function setRememberMe(res: NextApiResponse, rememberToken: string) {
  res.setHeader('Set-Cookie', serialize('remember_token', rememberToken, { path: '/', maxAge: 60 * 60 * 24 * 30 })); // Noncompliant THC007
}
