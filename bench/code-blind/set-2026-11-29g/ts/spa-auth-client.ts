// Customer portal SPA: Cognito Hosted UI (authorization code + PKCE) callback handling.

const COGNITO_DOMAIN = import.meta.env.VITE_COGNITO_DOMAIN as string;
const CLIENT_ID = import.meta.env.VITE_COGNITO_CLIENT_ID as string;
const API_BASE = import.meta.env.VITE_API_BASE as string;
const REDIRECT_URI = `${window.location.origin}/auth/callback`;

interface TokenResponse {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
}

export interface Profile {
  email: string;
  displayName: string;
}

export async function exchangeCode(code: string): Promise<TokenResponse> {
  const verifier = sessionStorage.getItem('pkce_verifier') ?? '';
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  const res = await fetch(`https://${COGNITO_DOMAIN}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (!res.ok) throw new Error(`token endpoint returned ${res.status}`);
  sessionStorage.removeItem('pkce_verifier');
  return (await res.json()) as TokenResponse;
}

export async function completeLogin(code: string): Promise<void> {
  const tokens = await exchangeCode(code);
  localStorage.setItem('portal.idToken', tokens.id_token); // Noncompliant THC007
  document.cookie = `portal_at=${tokens.access_token}; path=/; max-age=${tokens.expires_in}`; // Noncompliant THC007
  console.info('login complete, session expires in', tokens.expires_in, 'seconds');

  const claims = JSON.parse(atob(tokens.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))); // Noncompliant THC005
  const groups: string[] = claims['cognito:groups'] ?? [];
  if (groups.includes('portal-admins')) {
    window.location.assign('/admin');
    return;
  }
  window.location.assign(sessionStorage.getItem('portal.returnTo') ?? '/');
}

export function rememberReturnPath(path: string): void {
  sessionStorage.setItem('portal.returnTo', path.startsWith('/') ? path : '/');
}

export async function loadProfile(): Promise<Profile> {
  const token = localStorage.getItem('portal.idToken') ?? '';
  const res = await fetch(`${API_BASE}/me`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`profile request failed (${res.status})`);
  return (await res.json()) as Profile;
}

export function invoicePdfUrl(invoiceId: string): string {
  // used as <a href> target, so the API accepts the token from the query string
  const token = localStorage.getItem('portal.idToken') ?? '';
  return `${API_BASE}/invoices/${encodeURIComponent(invoiceId)}/pdf?access_token=${encodeURIComponent(token)}`; // Noncompliant THC009
}

export function logout(): void {
  localStorage.removeItem('portal.idToken');
  document.cookie = 'portal_at=; path=/; max-age=0';
  const params = new URLSearchParams({ client_id: CLIENT_ID, logout_uri: window.location.origin });
  window.location.assign(`https://${COGNITO_DOMAIN}/logout?${params.toString()}`);
}
