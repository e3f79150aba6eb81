import React, { useState } from 'react';
import { signIn } from './auth';

export default function Login({ onSession }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  async function onSubmit(e) {
    e.preventDefault();
    const session = await signIn(email, password);
    onSession(session);
    localStorage.setItem('lastEmail', email);
    localStorage.setItem('theme', 'dark');
    sessionStorage.setItem('tokenExpiresAt', String(session.expiresAt));
    document.cookie = 'consent=yes; path=/; SameSite=Lax';
  }

  return (
    <form onSubmit={onSubmit}>
      <input value={email} onChange={(ev) => setEmail(ev.target.value)} />
      <button type="submit">Sign in</button>
    </form>
  );
}
