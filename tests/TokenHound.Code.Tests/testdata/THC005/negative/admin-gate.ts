import { NextResponse, type NextRequest } from 'next/server';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const JWKS = createRemoteJWKSet(new URL(`${process.env.COGNITO_ISSUER}/.well-known/jwks.json`));

export async function middleware(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const session = request.cookies.get('session')?.value ?? '';
  try {
    await jwtVerify(session, JWKS);
  } catch {
    return NextResponse.json({ error: 'invalid_token' }, { status: 401 });
  }

  // verified on every path that reaches here
  if (pathname.startsWith('/admin')) {
    const payload = JSON.parse(atob(session.split('.')[1]));
    const groups: string[] = payload['cognito:groups'] ?? [];
    if (!groups.includes('admin')) {
      return NextResponse.redirect(new URL('/403', request.url));
    }
  }
  return NextResponse.next();
}
