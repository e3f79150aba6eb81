import { NextResponse, type NextRequest } from 'next/server';
import { cookies } from 'next/headers';

export async function middleware(request: NextRequest) {
  const res = NextResponse.next();
  const handoff = request.nextUrl.searchParams.get('handoff');
  if (handoff) {
    // Next.js response cookies: options must say httpOnly, secure and sameSite
    res.cookies.set('session', handoff, { path: '/', httpOnly: false, maxAge: 60 * 60 }); // Noncompliant
  }
  return res;
}

export async function POST(request: Request) {
  const { idToken } = await request.json();
  cookies().set('id_token', idToken, { path: '/' }); // Noncompliant
  return Response.json({ ok: true });
}
