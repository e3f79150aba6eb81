import React, { useMemo } from 'react';
import { jwtDecode } from 'jwt-decode';

interface IdClaims {
  email?: string;
  'cognito:groups'?: string[];
}

export function DeleteButton({ token }: { token: string }) {
  const { email } = jwtDecode<IdClaims>(token); // Noncompliant
  const canDelete = email ? email.endsWith('@ops.example.com') : false;
  const label = useMemo(() => (email ? `Delete as ${email}` : 'Delete'), [email]);
  return canDelete ? <button>{label}</button> : null;
}
