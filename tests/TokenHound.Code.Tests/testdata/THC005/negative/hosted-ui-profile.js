// Cognito hosted UI callback in the browser (PKCE): the API checks the access token; the page only shows who is signed in.
import { jwtDecode } from "jwt-decode";

const AUTH_DOMAIN = "https://auth.reports.example.com";
const CLIENT_ID = "7fakeclientid2reports4ui";

export async function completeSignIn(code, verifier) {
  const res = await fetch(`${AUTH_DOMAIN}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: CLIENT_ID,
      code,
      code_verifier: verifier,
      redirect_uri: `${window.location.origin}/callback`,
    }),
  });
  if (!res.ok) {
    throw new Error(`sign-in failed (${res.status})`);
  }
  const tokens = await res.json();
  window.__session = { expiresAt: Date.now() + tokens.expires_in * 1000 };

  const idClaims = jwtDecode(tokens.id_token);
  return {
    name: idClaims.name ?? idClaims.email,
    email: idClaims.email,
    avatar: idClaims.picture,
  };
}
