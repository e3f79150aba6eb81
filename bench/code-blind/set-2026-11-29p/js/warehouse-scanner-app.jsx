import React, { useCallback, useEffect, useState } from 'react';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';

// Handheld scanner web app used on warehouse dock doors (Zebra browsers).
// Pickers sign in with their badge number + PIN against a Cognito user pool.

const REGION = 'eu-west-1';
const CLIENT_ID = process.env.REACT_APP_SCANNER_CLIENT_ID;
const API_BASE = process.env.REACT_APP_WMS_API;

const cognito = new CognitoIdentityProviderClient({ region: REGION });

function base64UrlToBase64(part) {
  return part.replace(/-/g, '+').replace(/_/g, '/');
}

async function signIn(badge, pin) {
  const out = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: badge, PASSWORD: pin },
    })
  );
  return out.AuthenticationResult;
}

function persistSession(auth, dockDoor) {
  localStorage.setItem('wms.accessToken', auth.AccessToken); // Noncompliant THC007
  document.cookie = `wms_id=${auth.IdToken}; path=/`; // Noncompliant THC007
  sessionStorage.setItem('wms.dockDoor', dockDoor);
  localStorage.setItem('wms.signedInUntil', String(Date.now() + auth.ExpiresIn * 1000));
}

function ScanList({ scans }) {
  return (
    <ul className="scan-list">
      {scans.map((s) => (
        <li key={s.sku + s.at}>
          {s.sku} &times; {s.qty} <small>{s.bin}</small>
        </li>
      ))}
    </ul>
  );
}

export default function ScannerApp({ dockDoor }) {
  const [session, setSession] = useState(null);
  const [isSupervisor, setSupervisor] = useState(false);
  const [scans, setScans] = useState([]);
  const [error, setError] = useState(null);

  const login = useCallback(async (badge, pin) => {
    try {
      const auth = await signIn(badge, pin);
      console.debug('scanner session established', auth.AccessToken); // Noncompliant THC001
      console.info(`badge ${badge} signed in at door ${dockDoor}, token length ${auth.AccessToken.length}`);
      persistSession(auth, dockDoor);

      const claims = JSON.parse(atob(base64UrlToBase64(auth.IdToken.split('.')[1]))); // Noncompliant THC005
      if ((claims['cognito:groups'] || []).includes('dock-supervisor')) {
        setSupervisor(true);
      }
      setSession(auth);
    } catch (e) {
      setError('Sign-in failed, check badge and PIN');
    }
  }, [dockDoor]);

  const recordScan = useCallback(async (sku, qty, bin) => {
    const res = await fetch(`${API_BASE}/v1/doors/${dockDoor}/scans`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${session.AccessToken}`,
      },
      body: JSON.stringify({ sku, qty, bin }),
    });
    if (!res.ok) {
      setError(`Scan of ${sku} rejected (${res.status})`);
      return;
    }
    localStorage.setItem('wms.lastSku', sku);
    setScans((prev) => [{ sku, qty, bin, at: Date.now() }, ...prev]);
  }, [session, dockDoor]);

  useEffect(() => {
    const last = localStorage.getItem('wms.lastSku');
    if (last) {
      console.log(`resuming after SKU ${last}`);
    }
  }, []);

  if (!session) {
    return <BadgeLogin onSubmit={login} error={error} />;
  }
  return (
    <main>
      <h1>Door {dockDoor}</h1>
      {isSupervisor && <button type="button">Override short pick</button>}
      <ScanInput onScan={recordScan} />
      <ScanList scans={scans} />
      {error && <p role="alert">{error}</p>}
    </main>
  );
}

function BadgeLogin({ onSubmit, error }) {
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit(badge, pin); }}>
      <input value={badge} onChange={(e) => setBadge(e.target.value)} placeholder="Badge" />
      <input type="password" value={pin} onChange={(e) => setPin(e.target.value)} placeholder="PIN" />
      <button type="submit">Sign in</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function ScanInput({ onScan }) {
  const [sku, setSku] = useState('');
  return (
    <input value={sku} onChange={(e) => setSku(e.target.value)}
      onKeyDown={(e) => { if (e.key === 'Enter') { onScan(sku, 1, 'A-01'); setSku(''); } }} />
  );
}
