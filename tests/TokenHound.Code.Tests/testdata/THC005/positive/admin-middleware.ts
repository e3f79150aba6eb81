// Next.js middleware: the admin fast path trusts the claims of an unverified token.
import { NextRequest, NextResponse } from 'next/server';
import { decodeJwt } from 'jose';

export function middleware(req: NextRequest) {
  const token = req.cookies.get('session')?.value;
  if (!token) {
    return NextResponse.redirect(new URL('/login', req.url));
  }
  const claims = decodeJwt(token); // Noncompliant
  const groups = (claims['cognito:groups'] as string[] | undefined) ?? [];
  if (!groups.includes('admins')) {
    return NextResponse.rewrite(new URL('/403', req.url));
  }
  return NextResponse.next();
}
