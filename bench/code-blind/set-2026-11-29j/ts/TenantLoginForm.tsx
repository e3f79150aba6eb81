'use client';

import { FormEvent, useState } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { jwtDecode } from 'jwt-decode';

type LoginResponse = {
  accessToken: string;
  idToken: string;
  expiresIn: number;
  tenantSlug: string;
};

type IdTokenClaims = {
  sub: string;
  email: string;
  'custom:tenant_id': string;
  'cognito:groups'?: string[];
};

const API_BASE = process.env.NEXT_PUBLIC_API_BASE ?? '/api';

async function postLogin(tenant: string, email: string, password: string): Promise<LoginResponse> {
  const res = await fetch(`${API_BASE}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tenant': tenant },
    body: JSON.stringify({ email, password }),
    credentials: 'include',
  });
  if (!res.ok) {
    const { correlationId } = await res.json().catch(() => ({ correlationId: 'unknown' }));
    throw new Error(`Sign-in failed (reference ${correlationId})`);
  }
  return res.json();
}

function persistSession(data: LoginResponse) {
  localStorage.setItem('accessToken', data.accessToken); // Noncompliant THC007
  document.cookie = `id_token=${data.idToken}; path=/; max-age=${data.expiresIn}`; // Noncompliant THC007
  localStorage.setItem('lastTenant', data.tenantSlug);
  document.cookie = `ui_theme=${localStorage.getItem('theme') ?? 'light'}; path=/; max-age=31536000; samesite=lax`;
}

export default function TenantLoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [tenant, setTenant] = useState(params.get('tenant') ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const data = await postLogin(tenant, email, password);
      console.log('login response', data); // Noncompliant THC001
      console.info('signed in to tenant', data.tenantSlug);
      persistSession(data);
      sessionStorage.setItem('returnTo', params.get('next') ?? '/dashboard');
      const claims = jwtDecode<IdTokenClaims>(data.idToken); // Noncompliant THC005
      const isAdmin = claims['cognito:groups']?.includes('tenant-admins') ?? false;
      router.push(isAdmin ? `/t/${data.tenantSlug}/admin` : `/t/${data.tenantSlug}`);
    } catch (err) {
      console.warn('sign-in failed for tenant', tenant);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mx-auto flex max-w-sm flex-col gap-3">
      <label>
        Workspace
        <input value={tenant} onChange={(e) => setTenant(e.target.value)} required />
      </label>
      <label>
        Email
        <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label>
        Password
        <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error && <p role="alert" className="text-red-600">{error}</p>}
      <button type="submit" disabled={busy}>{busy ? 'Signing in...' : 'Sign in'}</button>
      <a href={`/sso/${encodeURIComponent(tenant)}/login`}>Use single sign-on</a>
    </form>
  );
}
