// Hosted-UI callback handling for the customer portal (bundled with esbuild).
import Cookies from 'js-cookie';

const API = 'https://api.example-portal.com';
const COGNITO_DOMAIN = 'https://auth.example-portal.com';

export async function handleCallback() {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const resp = await fetch(`${COGNITO_DOMAIN}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: window.CLIENT_ID, redirect_uri: window.location.origin }),
  });
  const tokens = await resp.json();
  localStorage.setItem('id_token', tokens.id_token); // Noncompliant THC007
  Cookies.set('refresh_token', tokens.refresh_token, { expires: 30 }); // Noncompliant THC007
  localStorage.setItem('lastLogin', new Date().toISOString());
  return tokens.access_token;
}

export function rememberAccessToken(accessToken) {
  document.cookie = `access_token=${accessToken}; path=/`; // Noncompliant THC007
}

export function saveTheme(theme) {
  localStorage.setItem('theme', theme);
  document.cookie = `theme=${theme}; path=/; max-age=31536000`;
}

export async function fetchInvoices(accessToken, page) {
  const res = await fetch(`${API}/invoices?page=${page}&access_token=${accessToken}`); // Noncompliant THC009
  return res.json();
}

export async function fetchReports(accessToken, page) {
  const res = await fetch(`${API}/reports?page=${page}`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  return res.json();
}

export function logout() {
  localStorage.removeItem('id_token');
  Cookies.remove('refresh_token');
  window.location.assign(`${COGNITO_DOMAIN}/logout?client_id=${window.CLIENT_ID}`);
}
