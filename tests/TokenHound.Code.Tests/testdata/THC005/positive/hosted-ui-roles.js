// Browser sign-in that decides what to unlock from an ID token it never verified.
import { jwtDecode } from "jwt-decode";

export function sessionFromIdToken(idToken) {
  const claims = jwtDecode(idToken); // Noncompliant
  return {
    name: claims.name,
    email: claims.email,
    canExport: (claims["cognito:groups"] ?? []).includes("exporters"),
  };
}

export function greetingFromIdToken(idToken) {
  const claims = jwtDecode(idToken);
  return { name: claims.name, email: claims.email };
}
