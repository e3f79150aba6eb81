import { NextResponse, type NextRequest } from 'next/server';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const JWKS = createRemoteJWKSet(new URL(`${process.env.COGNITO_ISSUER}/.well-known/jwks.json`));

function sessionFrom(request: NextRequest): string | undefined {
  return request.cookies.get('session')?.value;
}

export async function middleware(request: NextRequest) {
  const session = sessionFrom(request);
  if (!session) {
    return NextResponse.redirect(new URL('/login', request.url));
  }
  try {
    await jwtVerify(session, JWKS);
    return NextResponse.next();
  } catch (err) {
    console.error('token rejected', (err as Error).message);
    return NextResponse.json({ error: 'invalid_token', requestId: request.headers.get('x-request-id') }, { status: 401 });
  }
}
