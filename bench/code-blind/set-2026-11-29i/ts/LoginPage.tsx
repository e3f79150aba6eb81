// React rewrite of the AngularJS login screen (portal.auth). Until the old shell is
// retired, the tokens are mirrored into the storage keys the AngularJS code reads.

import React, { FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import jwtDecode from 'jwt-decode';
import {
  AuthenticationResultType,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const REGION = process.env.REACT_APP_REGION ?? 'eu-west-1';
const CLIENT_ID = process.env.REACT_APP_COGNITO_CLIENT_ID ?? '';
const REPORTS_HOST = process.env.REACT_APP_REPORTS_HOST ?? 'https://reports.legacy.example.com';

const cognito = new CognitoIdentityProviderClient({ region: REGION });

interface IdClaims {
  given_name?: string;
  email?: string;
}

function rememberSession(result: AuthenticationResultType) {
  localStorage.setItem('auth.refreshToken', result.RefreshToken ?? ''); // Noncompliant THC007
  sessionStorage.setItem('portal.lastRoute', window.location.pathname);
  localStorage.setItem('portal.theme', localStorage.getItem('portal.theme') ?? 'light');
}

export async function downloadLegacyExport(reportId: string, accessToken: string): Promise<Blob> {
  // the old reports server still wants the token in the query string
  const resp = await fetch(`${REPORTS_HOST}/export/${encodeURIComponent(reportId)}?access_token=${encodeURIComponent(accessToken)}`); // Noncompliant THC009
  if (!resp.ok) {
    throw new Error(`export failed with HTTP ${resp.status}`);
  }
  return resp.blob();
}

export default function LoginPage(): JSX.Element {
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const out = await cognito.send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }));
      const result = out.AuthenticationResult;
      if (!result) {
        console.info('login challenge', out.ChallengeName);
        navigate('/login/challenge', { state: { session: out.Session, username } });
        return;
      }
      console.debug('cognito auth result', result); // Noncompliant THC001
      rememberSession(result);
      // display only: greet the user by name, no access decision is made here
      const profile = jwtDecode<IdClaims>(result.IdToken ?? '');
      navigate('/home', { state: { greeting: profile.given_name ?? profile.email } });
    } catch (err) {
      console.warn('login failed', (err as Error).name);
      setError('Sign-in failed. Check your username and password.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="login" onSubmit={onSubmit}>
      <h1>Customer portal</h1>
      {error && <p className="login__error">{error}</p>}
      <label>
        Username
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      </label>
      <label>
        Password
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  );
}
