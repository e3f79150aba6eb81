// Hosted UI callback page: the code is exchanged for tokens in the browser (PKCE).
import React, { useEffect, useState } from "react";

const AUTH_DOMAIN = "https://portal.auth.eu-west-1.amazoncognito.com";

async function exchangeCode(code, verifier) {
  const res = await fetch(`${AUTH_DOMAIN}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: "portalclientfake01", code, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`token endpoint returned ${res.status}`);
  return res.json();
}

function refreshDirect(refreshToken) {
  return fetch(`${AUTH_DOMAIN}/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: "portalclientfake01", refresh_token: refreshToken }),
  })
    .then((r) => r.json())
    .then((tokens) => {
      console.log("refreshed", tokens); // Noncompliant
      return tokens;
    });
}

export default function Callback({ onSignedIn }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get("code");
    exchangeCode(code, window.sessionStorage.getItem("pkce"))
      .then((t) => {
        console.debug("token response", t); // Noncompliant
        onSignedIn(t);
      })
      .catch(() => setFailed(true));
  }, [onSignedIn]);
  return failed ? <p>Sign-in failed</p> : <p>Signing in…</p>;
}

export { refreshDirect };
