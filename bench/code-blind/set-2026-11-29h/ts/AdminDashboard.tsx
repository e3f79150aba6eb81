import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { jwtDecode } from 'jwt-decode';
import { TenantTable } from './components/TenantTable';
import { deleteTenant, listTenants, type Tenant } from './api/tenants';

interface TokenSet {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

interface AdminClaims {
  sub: string;
  email?: string;
  'cognito:groups'?: string[];
  exp: number;
}

const COGNITO_DOMAIN = import.meta.env.VITE_COGNITO_DOMAIN as string;
const CLIENT_ID = import.meta.env.VITE_COGNITO_CLIENT_ID as string;
const REDIRECT_URI = `${window.location.origin}/callback`;

async function exchangeCode(code: string, verifier: string): Promise<TokenSet> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
  });
  const res = await fetch(`${COGNITO_DOMAIN}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (!res.ok) {
    throw new Error(`token exchange failed with ${res.status}`);
  }
  const tokens = (await res.json()) as TokenSet;
  console.debug('token exchange response', tokens); // Noncompliant THC001
  return tokens;
}

function persistSession(tokens: TokenSet) {
  localStorage.setItem('admin.accessToken', tokens.access_token); // Noncompliant THC007
  document.cookie = `admin_id_token=${tokens.id_token}; path=/; max-age=${tokens.expires_in}`; // Noncompliant THC007
  sessionStorage.setItem('admin.lastLoginAt', new Date().toISOString());
  localStorage.setItem('admin.tablePageSize', '50');
}

export function AdminDashboard() {
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [token, setToken] = useState<string | null>(() => localStorage.getItem('admin.accessToken'));
  const [greeting, setGreeting] = useState('');

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const code = params.get('code');
    const verifier = sessionStorage.getItem('pkce.verifier');
    if (!code || !verifier) return;
    exchangeCode(code, verifier).then((tokens) => {
      persistSession(tokens);
      setToken(tokens.access_token);
      const { email } = jwtDecode<AdminClaims>(tokens.id_token);
      setGreeting(email ? `Signed in as ${email}` : 'Signed in');
      window.history.replaceState({}, '', '/');
    });
  }, []);

  const canDeleteTenants = useMemo(() => {
    if (!token) return false;
    const claims = jwtDecode<AdminClaims>(token); // Noncompliant THC005
    return (claims['cognito:groups'] ?? []).includes('platform-admins');
  }, [token]);

  useEffect(() => {
    if (token) listTenants(token).then(setTenants);
  }, [token]);

  const onDelete = useCallback(async (tenantId: string) => {
    if (!token || !canDeleteTenants) return;
    await deleteTenant(token, tenantId);
    console.info('tenant deleted', { tenantId });
    setTenants((prev) => prev.filter((t) => t.id !== tenantId));
  }, [token, canDeleteTenants]);

  return (
    <main className="admin-dashboard">
      <header>{greeting}</header>
      <TenantTable tenants={tenants} allowDelete={canDeleteTenants} onDelete={onDelete} />
    </main>
  );
}
