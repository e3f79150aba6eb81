import { NextResponse, type NextRequest } from 'next/server';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const ISSUER = process.env.COGNITO_ISSUER!;
const JWKS = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));
const PUBLIC_PATHS = ['/login', '/logout', '/api/health', '/_next', '/favicon.ico'];

function sessionFrom(request: NextRequest): string | undefined {
  const fromCookie = request.cookies.get('session')?.value;
  if (fromCookie) return fromCookie;
  return request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') || undefined;
}

export async function middleware(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  console.log('[mw]', request.method, pathname, request.headers.get('x-request-id'));
  console.log('[mw] headers', JSON.stringify(Object.fromEntries(request.headers.entries()))); // Noncompliant THC002

  if (PUBLIC_PATHS.some((p) => pathname.startsWith(p))) {
    return NextResponse.next();
  }

  const session = sessionFrom(request);
  if (!session) {
    return NextResponse.redirect(new URL(`/login?next=${encodeURIComponent(pathname)}`, request.url));
  }

  if (pathname.startsWith('/api/')) {
    try {
      const { payload } = await jwtVerify(session, JWKS, { issuer: ISSUER });
      const res = NextResponse.next();
      res.headers.set('x-user-sub', String(payload.sub));
      return res;
    } catch (err) {
      return NextResponse.json({ error: 'invalid_token', message: (err as Error).message, token: session }, { status: 401 }); // Noncompliant THC003
    }
  }

  if (pathname.startsWith('/admin')) {
    const payload = JSON.parse(atob(session.split('.')[1])); // Noncompliant THC005
    const groups: string[] = payload['cognito:groups'] ?? [];
    if (!groups.includes('admin')) {
      return NextResponse.redirect(new URL('/403', request.url));
    }
  }

  const res = NextResponse.next();
  const handoff = searchParams.get('handoff');
  if (handoff) {
    res.cookies.set('session', handoff, { path: '/', httpOnly: false, maxAge: 60 * 60 }); // Noncompliant THC007
  } else {
    res.cookies.set('session', session, {
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      maxAge: 60 * 60,
    });
  }
  res.cookies.set('last_path', pathname, { path: '/', sameSite: 'lax' });
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
