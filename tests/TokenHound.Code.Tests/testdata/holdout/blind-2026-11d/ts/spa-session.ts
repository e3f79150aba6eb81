// React SPA session helpers (Vite build, deployed to CloudFront).
import { jwtDecode } from 'jwt-decode';

interface IdClaims { sub: string; name?: string; email?: string; 'cognito:groups'?: string[]; exp: number }

const API_BASE = import.meta.env.VITE_API_BASE as string;

export function storeSession(accessToken: string, idToken: string): void {
  sessionStorage.setItem('accessToken', accessToken); // Noncompliant THC007
  sessionStorage.setItem('session_started', String(Date.now()));
  const claims = jwtDecode<IdClaims>(idToken);
  sessionStorage.setItem('displayName', claims.name ?? claims.email ?? 'user');
}

export function displayName(idToken: string): string {
  const claims = jwtDecode<IdClaims>(idToken);
  return claims.name ?? claims.email ?? 'there';
}

export function canSeeAdminPanel(idToken: string): boolean {
  const claims = jwtDecode<IdClaims>(idToken); // Noncompliant THC005
  if (claims['cognito:groups']?.includes('admin')) {
    return true;
  }
  return false;
}

export async function callApi<T>(path: string, accessToken: string): Promise<T> {
  const res = await fetch(`${API_BASE}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  if (!res.ok) {
    console.warn('api call failed', path, res.status);
    throw new Error(`API ${res.status}`);
  }
  return res.json() as Promise<T>;
}

export function debugSession(accessToken: string): void {
  console.log('current access token:', accessToken); // Noncompliant THC001
  console.log('token length', accessToken.length);
}

export function clearSession(): void {
  sessionStorage.removeItem('accessToken');
  sessionStorage.removeItem('displayName');
}
