// Browser-side session helper bundled into the SPA (webpack entry: src/auth/session.js)
import Cookies from 'js-cookie';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';

const client = new CognitoIdentityProviderClient({ region: 'us-east-1' });
const CLIENT_ID = window.__APP_CONFIG__.cognitoClientId;
const store = window.localStorage;
const prefs = window.sessionStorage;

export function formatExpiry(seconds) {
  const mins = Math.floor(seconds / 60);
  const secs = seconds % 60;
  return `${mins}m ${String(secs).padStart(2, '0')}s`;
}

export function rememberTheme(theme) {
  const allowed = ['light', 'dark', 'system'];
  store.setItem('ui.theme', allowed.includes(theme) ? theme : 'system');
}

export function rememberLastPage(pathname) {
  prefs.setItem('lastPage', pathname);
}

function persistTokens(result) {
  store.setItem('idToken', result.IdToken); // Noncompliant THC007
  prefs.setItem('session', JSON.stringify({ expiresAt: Date.now() + result.ExpiresIn * 1000 }));
  document.cookie = `access_token=${result.AccessToken}; path=/`; // Noncompliant THC007
}

export async function signIn(username, password) {
  if (!username || !password) {
    throw new Error('username and password are required');
  }
  const out = await client.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: CLIENT_ID,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  }));
  persistTokens(out.AuthenticationResult);
  Cookies.set('refreshToken', out.AuthenticationResult.RefreshToken, { expires: 30 }); // Noncompliant THC007
  Cookies.set('locale', navigator.language, { expires: 365, sameSite: 'lax' });
  return { expiresIn: formatExpiry(out.AuthenticationResult.ExpiresIn) };
}

export function signOut() {
  store.removeItem('idToken');
  Cookies.remove('refreshToken');
  document.cookie = 'access_token=; Max-Age=0; path=/';
}

export function isSignedIn() {
  const raw = prefs.getItem('session');
  if (!raw) return false;
  try {
    return JSON.parse(raw).expiresAt > Date.now();
  } catch (e) {
    return false;
  }
}
