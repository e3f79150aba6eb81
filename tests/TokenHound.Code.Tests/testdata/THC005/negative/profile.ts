// SPA header component helpers: the ID token's profile claims are read to greet the user. The browser cannot verify
// the token and does not need to: nothing here grants access, the API verifies the access token on every call.
import { jwtDecode } from "jwt-decode";

interface IdClaims { sub: string; name?: string; given_name?: string; email?: string; picture?: string; exp: number }

export function displayName(idToken: string): string {
  const claims = jwtDecode<IdClaims>(idToken);
  return claims.name ?? claims.email ?? "there";
}

export function greeting(idToken: string): string {
  const claims = jwtDecode<IdClaims>(idToken);
  return `Hello, ${claims.given_name || claims["name"] || "friend"}`;
}

export function avatarUrl(idToken: string): string {
  return jwtDecode<IdClaims>(idToken).picture ?? "/img/default-avatar.png";
}
