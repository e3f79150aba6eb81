import { NextResponse, type NextRequest } from 'next/server';
import { cookies } from 'next/headers';

export async function middleware(request: NextRequest) {
  const res = NextResponse.next();
  const session = request.cookies.get('session')?.value;
  if (session) {
    res.cookies.set('session', session, { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: 60 * 60 });
  }
  res.cookies.set('last_path', request.nextUrl.pathname, { path: '/', sameSite: 'lax' });
  return res;
}

export async function POST(request: Request) {
  const { idToken } = await request.json();
  cookies().set('id_token', idToken, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
  return Response.json({ ok: true });
}
