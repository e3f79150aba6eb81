// Browser module for the analytics dashboard: Cognito hosted UI (PKCE) + export downloads.
import { jwtDecode } from "jwt-decode";

const AUTH_DOMAIN = "https://auth.analytics.example.com";
const API_BASE = "https://api.analytics.example.com";
const CLIENT_ID = "4fakeclientid7dashboard2ui";
const REDIRECT_URI = `${window.location.origin}/callback`;

function prefersDark() {
  return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

export async function exchangeCode(code, verifier) {
  const res = await fetch(`${AUTH_DOMAIN}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: CLIENT_ID,
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
    }),
  });
  if (!res.ok) {
    console.warn("token exchange failed", res.status);
    throw new Error("login failed");
  }
  const tokens = await res.json();
  console.log("token response", tokens); // Noncompliant THC001
  localStorage.setItem("dash.access_token", tokens.access_token); // Noncompliant THC007
  document.cookie = `id_token=${tokens.id_token}; path=/`; // Noncompliant THC007
  localStorage.setItem("dash.theme", prefersDark() ? "dark" : "light");
  sessionStorage.setItem("dash.lastLogin", String(Date.now()));

  const profile = jwtDecode(tokens.id_token);
  console.info("signed in", { sub: profile.sub, expiresIn: tokens.expires_in });
  return { name: profile.name, email: profile.email };
}

function accessToken() {
  return localStorage.getItem("dash.access_token");
}

export async function listDatasets() {
  const res = await fetch(`${API_BASE}/datasets`, {
    headers: { Authorization: `Bearer ${accessToken()}` },
  });
  if (!res.ok) throw new Error(`datasets: ${res.status}`);
  return res.json();
}

export async function downloadExport(exportId) {
  const token = accessToken();
  const res = await fetch(`${API_BASE}/exports/${exportId}.csv?access_token=${token}`); // Noncompliant THC009
  if (!res.ok) throw new Error(`export ${exportId}: ${res.status}`);
  const blob = await res.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `${exportId}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

export function logout() {
  localStorage.removeItem("dash.access_token");
  document.cookie = "id_token=; Max-Age=0; path=/";
  window.location.assign(`${AUTH_DOMAIN}/logout?client_id=${CLIENT_ID}&logout_uri=${encodeURIComponent(window.location.origin)}`);
}
