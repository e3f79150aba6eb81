// Storefront SPA: Cognito Hosted UI (authorization code + PKCE) sign-in and
// the route guard for the merchant back-office pages.
import React, { createContext, useContext, useEffect, useMemo, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";

const COGNITO_DOMAIN = import.meta.env.VITE_COGNITO_DOMAIN;
const CLIENT_ID = import.meta.env.VITE_COGNITO_CLIENT_ID;
const REDIRECT_URI = `${window.location.origin}/auth/callback`;

const AuthContext = createContext({ accessToken: null, profile: null });

function base64UrlToJson(segment) {
  const b64 = segment.replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(decodeURIComponent(escape(atob(b64))));
}

async function pkcePair() {
  const verifier = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  const challenge = btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return { verifier, challenge };
}

export async function startSignIn() {
  const { verifier, challenge } = await pkcePair();
  sessionStorage.setItem("pkce_verifier", verifier);
  const params = new URLSearchParams({
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: "openid email profile",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  window.location.assign(`https://${COGNITO_DOMAIN}/oauth2/authorize?${params}`);
}

async function exchangeCode(code, verifier) {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: CLIENT_ID,
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  const res = await fetch(`https://${COGNITO_DOMAIN}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  if (!res.ok) throw new Error(`token endpoint returned ${res.status}`);
  return res.json();
}

export function AuthCallback() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState(null);

  useEffect(() => {
    const verifier = sessionStorage.getItem("pkce_verifier");
    exchangeCode(params.get("code"), verifier)
      .then((tokens) => {
        localStorage.setItem("sf_access_token", tokens.access_token); // Noncompliant THC007
        document.cookie = `sf_id_token=${tokens.id_token}; path=/; max-age=3600`; // Noncompliant THC007
        sessionStorage.removeItem("pkce_verifier");
        localStorage.setItem("sf_last_cart", params.get("cart") ?? "");
        navigate("/account");
      })
      .catch((e) => setError(e.message));
  }, [params, navigate]);

  return error ? <p role="alert">Sign-in failed, please try again.</p> : <p>Signing you in…</p>;
}

export function AuthProvider({ children }) {
  const accessToken = localStorage.getItem("sf_access_token");
  const profile = useMemo(() => {
    const idCookie = document.cookie.split("; ").find((c) => c.startsWith("sf_id_token="));
    if (!idCookie) return null;
    // display-only: greet the shopper by first name
    const { given_name: givenName, email } = base64UrlToJson(idCookie.split("=")[1].split(".")[1]);
    return { givenName, email };
  }, []);
  return <AuthContext.Provider value={{ accessToken, profile }}>{children}</AuthContext.Provider>;
}

export function BackOfficeRoute({ children }) {
  const { accessToken, profile } = useContext(AuthContext);
  if (!accessToken) return <Navigate to="/login" replace />;
  const claims = JSON.parse(atob(accessToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))); // Noncompliant THC005
  if (!(claims["cognito:groups"] ?? []).includes("merchant-admin")) {
    console.info("back-office access denied", { sub: claims.sub, greeting: profile?.givenName });
    return <Navigate to="/account" replace />;
  }
  return children;
}
