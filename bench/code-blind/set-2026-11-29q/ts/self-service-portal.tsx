'use client';

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import {
  CognitoUserPool,
  CognitoUser,
  AuthenticationDetails,
  CognitoUserSession,
} from 'amazon-cognito-identity-js';

// Customer self-service portal for a telecom operator: sign-in, bill download,
// plan overview. Next.js app router client component.

interface BillSummary {
  invoiceId: string;
  accountNumber: string;
  period: string;
  amountDue: number;
}

const pool = new CognitoUserPool({
  UserPoolId: process.env.NEXT_PUBLIC_USER_POOL_ID as string,
  ClientId: process.env.NEXT_PUBLIC_USER_POOL_CLIENT_ID as string,
});
const BILLING_API = process.env.NEXT_PUBLIC_BILLING_API ?? 'https://billing.telco.example.com';

const maskAccount = (acct: string): string => `****${acct.slice(-4)}`;

function signIn(username: string, password: string): Promise<CognitoUserSession> {
  const user = new CognitoUser({ Username: username, Pool: pool });
  const details = new AuthenticationDetails({ Username: username, Password: password });
  return new Promise((resolve, reject) => {
    user.authenticateUser(details, { onSuccess: resolve, onFailure: reject });
  });
}

function rememberSession(session: CognitoUserSession): void {
  const refresh = session.getRefreshToken().getToken();
  const idJwt = session.getIdToken().getJwtToken();
  sessionStorage.setItem('portal.refresh', refresh); // Noncompliant THC007
  window.localStorage.setItem('portal.idToken', idJwt); // Noncompliant THC007
  localStorage.setItem('portal.language', navigator.language);
}

export default function SelfServicePortal() {
  const router = useRouter();
  const [session, setSession] = useState<CognitoUserSession | null>(null);
  const [bills, setBills] = useState<BillSummary[]>([]);
  const [form, setForm] = useState({ username: '', password: '' });
  const [message, setMessage] = useState<string | null>(null);

  const accessToken = useMemo(() => session?.getAccessToken().getJwtToken(), [session]);

  useEffect(() => {
    if (!accessToken) return;
    fetch(`${BILLING_API}/v2/bills?limit=12`, { headers: { Authorization: `Bearer ${accessToken}` } })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((data: { items: BillSummary[] }) => {
        setBills(data.items);
        if (data.items[0]) console.info('bills loaded for account', maskAccount(data.items[0].accountNumber));
      })
      .catch(() => setMessage('We could not load your bills right now.'));
  }, [accessToken]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    try {
      const s = await signIn(form.username, form.password);
      rememberSession(s);
      setSession(s);
    } catch {
      setMessage('Sign-in failed. Check your details and try again.');
    }
  }

  async function downloadPdf(bill: BillSummary) {
    const token = accessToken ?? '';
    const res = await fetch(`${BILLING_API}/v2/bills/${bill.invoiceId}/pdf?access_token=${encodeURIComponent(token)}`); // Noncompliant THC009
    const blob = await res.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `invoice-${bill.invoiceId}.pdf`;
    a.click();
  }

  if (!session) {
    return (
      <form onSubmit={onSubmit} className="portal-login">
        <input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        <input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        <button type="submit">Sign in</button>
        {message && <p role="alert">{message}</p>}
      </form>
    );
  }

  return (
    <main>
      <button onClick={() => router.push('/plans')}>My plan</button>
      <ul>
        {bills.map((b) => (
          <li key={b.invoiceId}>
            {b.period} - {maskAccount(b.accountNumber)} - {b.amountDue.toFixed(2)}
            <button onClick={() => downloadPdf(b)}>PDF</button>
          </li>
        ))}
      </ul>
    </main>
  );
}
