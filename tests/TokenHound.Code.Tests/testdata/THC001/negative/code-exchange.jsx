// Hosted UI callback page: what is logged from the promise chains is not the token response.
import React, { useEffect, useState } from "react";

const AUTH_DOMAIN = "https://portal.auth.eu-west-1.amazoncognito.com";
const API = "https://api.portal.example.org";

async function exchangeCode(code, verifier) {
  const res = await fetch(`${AUTH_DOMAIN}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: "portalclientfake01", code, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`token endpoint returned ${res.status}`);
  return res.json();
}

async function loadClinics() {
  const res = await fetch(`${API}/clinics`);
  return res.json();
}

export default function Callback({ onSignedIn }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get("code");
    exchangeCode(code, window.sessionStorage.getItem("pkce"))
      .then((t) => {
        console.debug("signed in, expires in", t.expires_in);
        onSignedIn(t);
      })
      .catch((e) => {
        console.error("sign-in failed", e.message);
        setFailed(true);
      });
    loadClinics().then((clinics) => console.log("clinics", clinics));
  }, [onSignedIn]);
  return failed ? <p>Sign-in failed</p> : <p>Signing in…</p>;
}
