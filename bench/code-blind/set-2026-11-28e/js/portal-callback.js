// Customer portal: Cognito Hosted UI login + callback handling (bundled by Vite, runs in the browser).

const config = window.__PORTAL_CONFIG__ || {
  cognitoDomain: 'https://portal-auth.auth.eu-west-1.amazoncognito.com',
  clientId: '3h7example5client8portal2k',
  redirectUri: `${window.location.origin}/callback`,
  apiBase: 'https://api.portal.example.com',
};

function randomString(bytes = 32) {
  const buf = new Uint8Array(bytes);
  window.crypto.getRandomValues(buf);
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function startLogin(returnTo = window.location.pathname) {
  const state = randomString(16);
  sessionStorage.setItem('portal.oauthState', state);
  sessionStorage.setItem('portal.returnTo', returnTo);
  const params = new URLSearchParams({ response_type: 'code', client_id: config.clientId, redirect_uri: config.redirectUri, scope: 'openid email profile', state });
  window.location.assign(`${config.cognitoDomain}/oauth2/authorize?${params}`);
}

async function exchangeCode(code) {
  const res = await fetch(`${config.cognitoDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: config.redirectUri }),
  });
  if (!res.ok) {
    throw new Error(`token endpoint returned ${res.status}`);
  }
  return res.json();
}

function displayName(idToken) {
  const payload = JSON.parse(atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  return payload.given_name || payload.email;
}

function persistSession(tokens) {
  localStorage.setItem('portal.idToken', tokens.id_token); // Noncompliant THC007
  const expires = new Date(Date.now() + tokens.expires_in * 1000).toUTCString();
  document.cookie = `portal_at=${tokens.access_token}; expires=${expires}; path=/`; // Noncompliant THC007
  localStorage.setItem('portal.lastLogin', new Date().toISOString());
}

export async function handleCallback() {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  if (!code || params.get('state') !== sessionStorage.getItem('portal.oauthState')) {
    console.warn('ignoring callback with missing code or mismatched state');
    window.location.replace('/');
    return;
  }
  try {
    const tokens = await exchangeCode(code);
    console.log('token response', tokens); // Noncompliant THC001
    persistSession(tokens);
    console.info(`signed in as ${displayName(tokens.id_token)}`);
    await fetch(`${config.apiBase}/v1/sessions?access_token=${encodeURIComponent(tokens.access_token)}`, { method: 'POST' }); // Noncompliant THC009
    window.location.replace(sessionStorage.getItem('portal.returnTo') || '/');
  } catch (err) {
    console.error('login failed', err.message);
    document.getElementById('login-error').textContent = 'Sign-in failed, please try again.';
  } finally {
    sessionStorage.removeItem('portal.oauthState');
  }
}

export async function loadProfile() {
  const token = document.cookie.split('; ').find((c) => c.startsWith('portal_at='))?.split('=')[1];
  if (!token) return null;
  const res = await fetch(`${config.apiBase}/v1/profile`, { headers: { Authorization: `Bearer ${token}` } });
  return res.ok ? res.json() : null;
}
