import { NextResponse, type NextRequest } from 'next/server';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const JWKS = createRemoteJWKSet(new URL(`${process.env.COGNITO_ISSUER}/.well-known/jwks.json`));

function sessionFrom(request: NextRequest): string | undefined {
  const fromCookie = request.cookies.get('session')?.value;
  if (fromCookie) return fromCookie;
  return request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') || undefined;
}

export async function middleware(request: NextRequest) {
  // the helper above returns the caller's token: session is that token
  const session = sessionFrom(request);
  if (!session) {
    return NextResponse.redirect(new URL('/login', request.url));
  }
  try {
    await jwtVerify(session, JWKS);
    return NextResponse.next();
  } catch (err) {
    return NextResponse.json({ error: 'invalid_token', message: (err as Error).message, token: session }, { status: 401 }); // Noncompliant
  }
}
