import React, { useEffect, useState } from 'react';
import { jwtDecode } from 'jwt-decode';

interface IdClaims {
  sub: string;
  email?: string;
  name?: string;
}

export function Greeting({ idToken }: { idToken: string }) {
  const [greeting, setGreeting] = useState('');
  useEffect(() => {
    const { email } = jwtDecode<IdClaims>(idToken);
    setGreeting(email ? `Signed in as ${email}` : 'Signed in');
  }, [idToken]);
  useEffect(() => {
    const claims = jwtDecode<IdClaims>(idToken);
    document.title = !claims.name ? 'Console' : `Console - ${claims.name}`;
  }, [idToken]);
  return <header>{greeting}</header>;
}
