import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { decodeJwt, jwtVerify, createRemoteJWKSet } from 'jose';

const JWKS = createRemoteJWKSet(new URL(`${process.env.AUTH_ISSUER}/.well-known/jwks.json`));
const ISSUER = process.env.AUTH_ISSUER!;
const AUDIENCE = process.env.AUTH_AUDIENCE!;

const PROTECTED_PREFIXES = ['/dashboard', '/settings', '/admin'];
const STATIC_EXT = /\.(?:png|jpg|svg|css|js|ico|woff2?)$/;

function isProtected(pathname: string): boolean {
  if (STATIC_EXT.test(pathname)) return false;
  return PROTECTED_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

function loginRedirect(req: NextRequest): NextResponse {
  const url = req.nextUrl.clone();
  url.pathname = '/login';
  url.searchParams.set('next', req.nextUrl.pathname);
  return NextResponse.redirect(url);
}

async function verifiedClaims(token: string) {
  const { payload } = await jwtVerify(token, JWKS, { issuer: ISSUER, audience: AUDIENCE });
  return payload;
}

export async function middleware(req: NextRequest) {
  const { pathname } = req.nextUrl;
  if (!isProtected(pathname)) {
    return NextResponse.next();
  }
  const token = req.cookies.get('session')?.value;
  if (!token) {
    return loginRedirect(req);
  }

  if (pathname.startsWith('/admin')) {
    // fast path: avoid the JWKS round trip for admin pages
    const claims = decodeJwt(token); // Noncompliant THC005
    const groups = (claims['cognito:groups'] as string[] | undefined) ?? [];
    if (!groups.includes('admins')) {
      return NextResponse.rewrite(new URL('/403', req.url));
    }
    return NextResponse.next();
  }

  try {
    const claims = await verifiedClaims(token);
    const res = NextResponse.next();
    res.headers.set('x-user-id', String(claims.sub));
    return res;
  } catch {
    return loginRedirect(req);
  }
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
