// Developer portal front end: session provider shared by the catalog,
// scaffolder and cost pages. Tokens come from the portal backend's
// /api/session endpoints (Cognito hosted UI behind it).

import React, { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';

const REDIRECT_URI = `${window.location.origin}/callback`;
const REFRESH_MARGIN_SECONDS = 60;

const SessionContext = createContext(null);

export function SessionProvider({ children }) {
  const [tokens, setTokens] = useState(null);
  const [isAdmin, setIsAdmin] = useState(false);
  const [theme, setTheme] = useState(() => localStorage.getItem('portal.theme') || 'light');

  const applyTokens = useCallback((next) => {
    setTokens(next);
    localStorage.setItem('portal_access_token', next.access_token); // Noncompliant THC007
    document.cookie = `id_token=${next.id_token}; path=/; max-age=${next.expires_in}`; // Noncompliant THC007
    const groups = JSON.parse(atob(next.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))['cognito:groups'] || []; // Noncompliant THC005
    setIsAdmin(groups.includes('platform-admins'));
    console.info('session refreshed; expires in', next.expires_in, 'seconds');
  }, []);

  const exchangeCode = useCallback(async (code) => {
    const res = await fetch('/api/session/exchange', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, redirectUri: REDIRECT_URI }),
    });
    if (!res.ok) throw new Error(`code exchange failed with ${res.status}`);
    applyTokens(await res.json());
  }, [applyTokens]);

  const refresh = useCallback(async () => {
    // refresh token is an HttpOnly cookie scoped to /api/session
    const res = await fetch('/api/session/refresh', { method: 'POST', credentials: 'include' });
    if (res.status === 401) {
      setTokens(null);
      window.location.assign('/login');
      return;
    }
    applyTokens(await res.json());
  }, [applyTokens]);

  useEffect(() => {
    if (!tokens) return undefined;
    const timer = setTimeout(refresh, Math.max(tokens.expires_in - REFRESH_MARGIN_SECONDS, 5) * 1000);
    return () => clearTimeout(timer);
  }, [tokens, refresh]);

  useEffect(() => {
    localStorage.setItem('portal.theme', theme);
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    if (window.location.pathname !== '/callback') {
      sessionStorage.setItem('portal.returnTo', window.location.pathname + window.location.search);
    }
  }, []);

  const callApi = useCallback(async (path, init = {}) => {
    const res = await fetch(`/api${path}`, {
      ...init,
      headers: { ...(init.headers || {}), Authorization: `Bearer ${tokens?.access_token}` },
    });
    if (!res.ok) {
      console.warn('portal api error', path, res.status, res.headers.get('x-correlation-id'));
    }
    return res;
  }, [tokens]);

  const value = useMemo(
    () => ({ tokens, isAdmin, theme, setTheme, exchangeCode, refresh, callApi }),
    [tokens, isAdmin, theme, exchangeCode, refresh, callApi],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession() {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}

export function AdminOnly({ children, fallback = null }) {
  const { isAdmin } = useSession();
  return isAdmin ? children : fallback;
}

export function CallbackPage() {
  const { exchangeCode } = useSession();
  const [error, setError] = useState(null);

  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get('code');
    if (!code) return;
    exchangeCode(code)
      .then(() => window.location.replace(sessionStorage.getItem('portal.returnTo') || '/'))
      .catch((e) => setError(e.message));
  }, [exchangeCode]);

  return error ? <p role="alert">Sign-in failed: {error}</p> : <p>Signing you in…</p>;
}
