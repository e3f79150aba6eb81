// Release console header: shows who is signed in. The ID token is only read for the name and a loading flag;
// what the user may do comes from the backend's /api/me (which verifies the access token).
import React, { useEffect, useState } from 'react';
import { jwtDecode } from 'jwt-decode';

export function ConsoleHeader({ idToken }) {
  const [displayName, setDisplayName] = useState('');
  const [isLoading, setIsLoading] = useState(true);
  const [isAdmin, setIsAdmin] = useState(false);

  useEffect(() => {
    const claims = jwtDecode(idToken);
    setDisplayName(claims.name || claims.email || 'signed in');
    setIsLoading(!claims.name);
    const profile = JSON.parse(atob(idToken.split('.')[1]));
    setDisplayName(profile.preferred_username || 'signed in');
    fetch('/api/me', { credentials: 'include' })
      .then((r) => r.json())
      .then((me) => setIsAdmin(me.roles.includes('release-admins')));
  }, [idToken]);

  return <header>{isLoading ? '…' : displayName}{isAdmin ? ' (admin)' : ''}</header>;
}
