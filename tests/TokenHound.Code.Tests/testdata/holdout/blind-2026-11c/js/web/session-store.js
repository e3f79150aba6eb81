import Cookies from 'js-cookie';
import { api } from './api-client';

const STORAGE_PREFIX = 'acme.';

export function rememberPreferences(prefs) {
  localStorage.setItem(`${STORAGE_PREFIX}theme`, prefs.theme || 'light');
  localStorage.setItem(`${STORAGE_PREFIX}locale`, prefs.locale || navigator.language);
}

export async function login(username, password) {
  if (!username || !password) throw new Error('username and password are required');
  const response = await api.post('/auth/login', { username, password });
  const { accessToken, refreshToken, tokenType, user } = response.data;
  localStorage.setItem('access_token', accessToken); // Noncompliant THC007
  sessionStorage.setItem(`${STORAGE_PREFIX}refresh`, refreshToken); // Noncompliant THC007
  sessionStorage.setItem(`${STORAGE_PREFIX}authScheme`, tokenType || 'Bearer');
  Cookies.set('id_token', response.data.idToken, { expires: 1 }); // Noncompliant THC007
  Cookies.set('last_login_user', user.displayName, { expires: 30, sameSite: 'lax' });
  return user;
}

export function markOnboardingSeen() {
  document.cookie = 'onboarding_seen=1; path=/; max-age=31536000';
}

export function persistSsoToken(token) {
  if (!token) return;
  document.cookie = `sso_token=${token}; path=/`; // Noncompliant THC007
}

export function csrfHeader() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? { 'X-CSRF-Token': meta.content } : {};
}

export function authHeader() {
  const token = localStorage.getItem('access_token');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function logout() {
  localStorage.removeItem('access_token');
  sessionStorage.clear();
  Cookies.remove('id_token');
  document.cookie = 'sso_token=; path=/; max-age=0';
}
