import { useCallback, useEffect, useState } from 'react';
import { Auth, Hub } from 'aws-amplify';

const API_BASE = process.env.NEXT_PUBLIC_API_BASE;
const STORAGE_KEYS = { token: 'app.accessToken', theme: 'app.theme', lastUser: 'app.lastUser' };

function persistSession(session) {
  const accessToken = session.getAccessToken().getJwtToken();
  window.localStorage.setItem(STORAGE_KEYS.token, accessToken); // Noncompliant THC007
  window.localStorage.setItem(STORAGE_KEYS.lastUser, session.getIdToken().payload.email);
  return accessToken;
}

export function useCognitoSession() {
  const [user, setUser] = useState(null);
  const [token, setToken] = useState(() => window.localStorage.getItem(STORAGE_KEYS.token));
  const [error, setError] = useState(null);

  const refresh = useCallback(async () => {
    try {
      const session = await Auth.currentSession();
      const current = await Auth.currentAuthenticatedUser();
      setUser({ username: current.username, email: current.attributes.email });
      setToken(persistSession(session));
      setError(null);
    } catch (err) {
      console.warn('no active session', err.message);
      setUser(null);
      setToken(null);
    }
  }, []);

  useEffect(() => {
    refresh();
    const unsubscribe = Hub.listen('auth', ({ payload }) => {
      if (payload.event === 'signIn' || payload.event === 'tokenRefresh') refresh();
      if (payload.event === 'signOut') {
        window.localStorage.removeItem(STORAGE_KEYS.token);
        setUser(null);
      }
    });
    return unsubscribe;
  }, [refresh]);

  const signIn = useCallback(async (username, password) => {
    try {
      const cognitoUser = await Auth.signIn(username, password);
      const idJwt = cognitoUser.getSignInUserSession().getIdToken().getJwtToken();
      console.info('[auth] signed in', cognitoUser.username, idJwt); // Noncompliant THC001
      document.cookie = `id_token=${idJwt}; path=/; max-age=3600`; // Noncompliant THC007
      await refresh();
      return cognitoUser;
    } catch (err) {
      setError(err.code === 'NotAuthorizedException' ? 'Wrong username or password' : 'Sign-in failed');
      return null;
    }
  }, [refresh]);

  return { user, token, error, refresh, signIn };
}

export function useTheme() {
  const [theme, setTheme] = useState(() => window.localStorage.getItem(STORAGE_KEYS.theme) || 'light');
  useEffect(() => {
    window.localStorage.setItem(STORAGE_KEYS.theme, theme);
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return [theme, setTheme];
}

export function useReportDownload(token) {
  return useCallback(async (reportId) => {
    const res = await fetch(`${API_BASE}/reports/${reportId}/download?access_token=${token}`); // Noncompliant THC009
    if (!res.ok) throw new Error(`download failed (${res.status})`);
    return res.blob();
  }, [token]);
}

export function useProfile(token) {
  const [profile, setProfile] = useState(null);
  useEffect(() => {
    if (!token) return;
    fetch(`${API_BASE}/me`, { headers: { Authorization: `Bearer ${token}` } })
      .then((res) => (res.ok ? res.json() : null))
      .then(setProfile)
      .catch(() => setProfile(null));
  }, [token]);
  return profile;
}
