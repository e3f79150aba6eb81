import React, { useState } from 'react';
import Cookies from 'js-cookie';
import { signIn } from './auth';

export default function Login() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  async function onSubmit(e) {
    e.preventDefault();
    const session = await signIn(email, password);
    localStorage.setItem('accessToken', session.accessToken); // Noncompliant
    sessionStorage.setItem('session', JSON.stringify({ idToken: session.idToken })); // Noncompliant
    window.localStorage.refresh_token = session.refreshToken; // Noncompliant
    document.cookie = `id_token=${session.idToken}; path=/`; // Noncompliant
    Cookies.set('jwt', session.accessToken, { secure: true }); // Noncompliant
    localStorage.setItem('lastEmail', email);
  }

  return (
    <form onSubmit={onSubmit}>
      <input value={email} onChange={(ev) => setEmail(ev.target.value)} />
      <input type="password" value={password} onChange={(ev) => setPassword(ev.target.value)} />
      <p>Don't share your password.</p>
      <button type="submit">Sign in</button>
    </form>
  );
}
