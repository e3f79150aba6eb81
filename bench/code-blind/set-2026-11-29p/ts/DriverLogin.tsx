import React, { FormEvent, useState } from 'react';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';

// Driver web portal (used on the in-cab tablet): sign in, pick the depot, download today's manifest.

const cognito = new CognitoIdentityProviderClient({ region: 'ap-southeast-2' });
const CLIENT_ID = import.meta.env.VITE_DRIVER_CLIENT_ID as string;
const MANIFEST_API = import.meta.env.VITE_MANIFEST_API as string;

type Manifest = {
  routeId: string;
  vehicle: string;
  stops: Array<{ consignment: string; address: string; window: string }>;
};

type Props = {
  depots: string[];
  onReady: (manifest: Manifest, auth: AuthenticationResultType) => void;
};

async function authenticate(driverId: string, password: string): Promise<AuthenticationResultType> {
  const out = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: driverId, PASSWORD: password },
    }),
  );
  if (!out.AuthenticationResult) {
    throw new Error(out.ChallengeName ?? 'NO_RESULT');
  }
  return out.AuthenticationResult;
}

async function downloadManifest(depot: string, accessToken: string): Promise<Manifest> {
  const base = `${MANIFEST_API}/depots/${encodeURIComponent(depot)}/manifest/today`;
  const res = await fetch(`${base}?token=${accessToken}`); // Noncompliant THC009
  if (!res.ok) {
    throw new Error(`manifest ${res.status}`);
  }
  return (await res.json()) as Manifest;
}

async function acknowledgeRoute(routeId: string, accessToken: string): Promise<void> {
  await fetch(`${MANIFEST_API}/routes/${routeId}/ack`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${accessToken}` },
  });
}

export function DriverLogin({ depots, onReady }: Props): JSX.Element {
  const [driverId, setDriverId] = useState('');
  const [password, setPassword] = useState('');
  const [depot, setDepot] = useState<string>(localStorage.getItem('driver.depot') ?? depots[0]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const auth = await authenticate(driverId, password);
      const { AccessToken: accessToken = '', RefreshToken: refreshToken = '', IdToken: idToken = '' } = auth;
      console.info('driver authenticated', driverId, idToken); // Noncompliant THC001

      sessionStorage.setItem('driver.refresh', refreshToken); // Noncompliant THC007
      localStorage.setItem('driver.depot', depot);

      const manifest = await downloadManifest(depot, accessToken);
      console.log(`route ${manifest.routeId} with ${manifest.stops.length} stops for vehicle ${manifest.vehicle}`);
      await acknowledgeRoute(manifest.routeId, accessToken);
      onReady(manifest, auth);
    } catch (err) {
      setError(err instanceof Error && err.message === 'NEW_PASSWORD_REQUIRED' ? 'Please set a new password' : 'Sign-in failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="driver-login">
      <label>
        Driver ID
        <input value={driverId} onChange={(e) => setDriverId(e.target.value)} autoComplete="username" />
      </label>
      <label>
        Password
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      <label>
        Depot
        <select value={depot} onChange={(e) => setDepot(e.target.value)}>
          {depots.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Start shift'}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

export default DriverLogin;
