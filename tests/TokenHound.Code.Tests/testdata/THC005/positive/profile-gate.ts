// Near miss of the profile helpers: the same claims, but a condition on them grants the admin view.
import { jwtDecode } from "jwt-decode";

interface IdClaims { sub: string; email?: string; "cognito:groups"?: string[] }

const ADMINS = ["ops@example.com"];

export function isAdmin(idToken: string): boolean {
  const claims = jwtDecode<IdClaims>(idToken); // Noncompliant
  if (claims.email && ADMINS.includes(claims.email)) {
    return true;
  }
  return false;
}

export function canDelete(idToken: string): boolean {
  return jwtDecode<IdClaims>(idToken)["cognito:groups"]?.includes("admin") ?? false; // Noncompliant
}
