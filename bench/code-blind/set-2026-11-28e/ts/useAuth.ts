import { useCallback, useEffect, useState } from 'react';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';

Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: 'eu-central-1_Ab12Cd34E',
      userPoolClientId: '5example0client1id2abc',
    },
  },
});

const API_BASE = 'https://api.dashboard.example.com';

export interface AuthState {
  username?: string;
  loading: boolean;
  error?: string;
}

async function cacheTokens(): Promise<string | undefined> {
  const session = await fetchAuthSession();
  const access = session.tokens?.accessToken?.toString();
  const id = session.tokens?.idToken?.toString();
  if (!access || !id) return undefined;
  console.debug('amplify session tokens', session.tokens); // Noncompliant THC001
  localStorage.setItem('dashboard:accessToken', access); // Noncompliant THC007
  sessionStorage.setItem('dashboard:idToken', id); // Noncompliant THC007
  return access;
}

export async function apiGet<T>(path: string): Promise<T> {
  const token = localStorage.getItem('dashboard:accessToken') ?? (await cacheTokens());
  const res = await fetch(`${API_BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path} failed with ${res.status}`);
  return res.json() as Promise<T>;
}

export async function downloadReport(reportId: string): Promise<Blob> {
  const token = (await cacheTokens()) ?? '';
  const res = await fetch(`${API_BASE}/reports/${encodeURIComponent(reportId)}/export.csv?token=${token}`); // Noncompliant THC009
  if (!res.ok) throw new Error(`report ${reportId} download failed with ${res.status}`);
  return res.blob();
}

export function useAuth() {
  const [state, setState] = useState<AuthState>({ loading: true });

  useEffect(() => {
    getCurrentUser()
      .then((user) => {
        console.info('restored session for', user.username);
        setState({ username: user.username, loading: false });
        return cacheTokens();
      })
      .catch(() => setState({ loading: false }));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const result = await signIn({ username, password });
      if (!result.isSignedIn) {
        setState({ loading: false, error: `Additional step required: ${result.nextStep.signInStep}` });
        return;
      }
      await cacheTokens();
      localStorage.setItem('dashboard:lastUser', username);
      setState({ username, loading: false });
    } catch (err) {
      console.error('sign-in failed for', username, (err as Error).name);
      setState({ loading: false, error: 'Sign-in failed' });
    }
  }, []);

  const logout = useCallback(async () => {
    localStorage.removeItem('dashboard:accessToken');
    sessionStorage.removeItem('dashboard:idToken');
    await signOut();
    setState({ loading: false });
  }, []);

  return { ...state, login, logout };
}
