'use client';

import { FormEvent, useState } from 'react';

interface SignInResult {
  refreshToken: string;
  expiresIn: number;
  workspace: string;
}

async function signIn(email: string, password: string): Promise<SignInResult> {
  const res = await fetch('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) {
    throw new Error(`Sign-in failed (${res.status})`);
  }
  return res.json();
}

export default function SignInPanel() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const result = await signIn(email, password);
    console.debug('sign-in result', result); // Noncompliant THC001
    console.info('signed in to workspace', result.workspace, 'for', result.expiresIn, 's');
    console.log('sign-in result', JSON.stringify(result)); // Noncompliant THC001
    window.location.assign(`/w/${result.workspace}`);
  }

  return (
    <form onSubmit={onSubmit}>
      <input value={email} onChange={(ev) => setEmail(ev.target.value)} />
      <input type="password" value={password} onChange={(ev) => setPassword(ev.target.value)} />
    </form>
  );
}
