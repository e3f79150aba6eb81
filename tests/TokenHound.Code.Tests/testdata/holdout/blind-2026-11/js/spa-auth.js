// Browser-side helper used by the React SPA after the hosted-UI redirect.
import { CognitoAuth } from './cognito-auth';

const auth = new CognitoAuth({ domain: window.__CONFIG__.authDomain, clientId: window.__CONFIG__.clientId });

export async function completeLogin() {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const tokens = await auth.exchangeCode(code);

  localStorage.setItem('id_token', tokens.id_token); // Noncompliant THC007
  window.sessionStorage.setItem('accessToken', tokens.access_token); // Noncompliant THC007
  localStorage.setItem('lastLogin', new Date().toISOString());
  sessionStorage.setItem('returnTo', params.get('state') || '/');
  document.cookie = `refresh=${tokens.refresh_token}; path=/; secure`; // Noncompliant THC007
  document.cookie = 'consent=yes; path=/; max-age=31536000';
  return tokens.id_token;
}

export function saveProfile(profile) {
  localStorage.setItem('profile', JSON.stringify({ name: profile.name, locale: profile.locale }));
}

export function rememberToken(token) {
  const store = window.localStorage;
  store['auth.token'] = token; // Noncompliant THC007
}

export function logout() {
  localStorage.removeItem('id_token');
  sessionStorage.clear();
}
