// Release console: keeps the session from the backend's /api/session endpoints and decides from the ID token which
// admin screens to show.
import React, { createContext, useCallback, useContext, useState } from 'react';
import { jwtDecode } from 'jwt-decode';

const ConsoleSession = createContext(null);

export function ConsoleSessionProvider({ children }) {
  const [session, setSession] = useState(null);
  const [isAdmin, setIsAdmin] = useState(false);
  const [canPromote, setCanPromote] = useState(false);
  const [hasAuditAccess, setHasAuditAccess] = useState(false);

  const onSession = useCallback((next) => {
    setSession(next);
    const groups = JSON.parse(atob(next.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))['cognito:groups'] || []; // Noncompliant THC005
    setIsAdmin(groups.includes('release-admins'));
    const claims = jwtDecode(next.id_token); // Noncompliant THC005
    setCanPromote(claims['custom:team'] === 'release-managers');
    const access = next.access_token && JSON.parse(atob(next.access_token.split('.')[1])); // Noncompliant THC005
    setHasAuditAccess(Boolean(access && access.scope && access.scope.split(' ').includes('audit:read')));
  }, []);

  const value = { session, isAdmin, canPromote, hasAuditAccess, onSession };
  return <ConsoleSession.Provider value={value}>{children}</ConsoleSession.Provider>;
}

export const useConsoleSession = () => useContext(ConsoleSession);
