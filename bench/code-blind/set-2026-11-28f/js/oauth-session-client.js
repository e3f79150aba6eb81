/* global window, document, fetch, crypto, sessionStorage, localStorage */
(function () {
  'use strict';

  const AUTH = {
    domain: 'https://auth.example-saas.com',
    clientId: '4k2j9examplespaclient',
    redirectUri: window.location.origin + '/callback',
    apiBase: 'https://api.example-saas.com',
  };

  const STORAGE_KEYS = { access: 'access_token', expiresAt: 'token_expires_at' };

  function login() {
    const state = crypto.randomUUID();
    sessionStorage.setItem('oauth_state', state);
    sessionStorage.setItem('returnTo', window.location.pathname);
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: AUTH.clientId,
      redirect_uri: AUTH.redirectUri,
      scope: 'openid email profile',
      state,
    });
    window.location.assign(`${AUTH.domain}/oauth2/authorize?${q}`);
  }

  function saveSession(tokenSet) {
    localStorage.setItem(STORAGE_KEYS.access, tokenSet.access_token); // Noncompliant THC007
    localStorage.setItem(STORAGE_KEYS.expiresAt, String(Date.now() + tokenSet.expires_in * 1000));
    document.cookie = `refresh_token=${tokenSet.refresh_token}; path=/; max-age=2592000`; // Noncompliant THC007
  }

  function readCookie(name) {
    const match = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
    return match ? decodeURIComponent(match.split('=')[1]) : null;
  }

  async function handleRedirect() {
    const params = new URLSearchParams(window.location.search);
    const code = params.get('code');
    if (!code) return false;
    if (params.get('state') !== sessionStorage.getItem('oauth_state')) {
      console.warn('OAuth state mismatch, restarting login');
      return false;
    }
    const resp = await fetch('/auth/exchange', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, redirectUri: AUTH.redirectUri }),
    });
    const tokenSet = await resp.json();
    saveSession(tokenSet);
    console.info('signed in, token expires in', tokenSet.expires_in, 's');
    window.history.replaceState({}, document.title, sessionStorage.getItem('returnTo') || '/');
    return true;
  }

  async function refresh() {
    const refreshToken = readCookie('refresh_token');
    if (!refreshToken) return null;
    const resp = await fetch(AUTH.domain + '/oauth2/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: AUTH.clientId, refresh_token: refreshToken }),
    });
    if (!resp.ok) return null;
    const tokenSet = await resp.json();
    tokenSet.refresh_token = tokenSet.refresh_token || refreshToken;
    saveSession(tokenSet);
    return tokenSet.access_token;
  }

  async function currentToken() {
    const expiresAt = Number(localStorage.getItem(STORAGE_KEYS.expiresAt) || 0);
    if (Date.now() < expiresAt - 30000) return localStorage.getItem(STORAGE_KEYS.access);
    return refresh();
  }

  async function loadProfile() {
    const token = await currentToken();
    const res = await fetch(AUTH.apiBase + '/v1/me', { headers: { Authorization: 'Bearer ' + token } });
    return res.json();
  }

  async function downloadReport(reportId) {
    const token = await currentToken();
    const res = await fetch(`${AUTH.apiBase}/v1/reports/${encodeURIComponent(reportId)}/export?format=csv&access_token=${token}`); // Noncompliant THC009
    return res.blob();
  }

  function logout() {
    localStorage.removeItem(STORAGE_KEYS.access);
    localStorage.removeItem(STORAGE_KEYS.expiresAt);
    document.cookie = 'refresh_token=; path=/; max-age=0';
    window.location.assign(`${AUTH.domain}/logout?client_id=${AUTH.clientId}&logout_uri=${encodeURIComponent(window.location.origin)}`);
  }

  window.SaasAuth = { login, handleRedirect, loadProfile, downloadReport, logout };
})();
