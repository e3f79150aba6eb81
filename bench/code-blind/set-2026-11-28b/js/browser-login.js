import { CognitoUserPool, CognitoUser, AuthenticationDetails } from "amazon-cognito-identity-js";

const pool = new CognitoUserPool({
  UserPoolId: import.meta.env.VITE_USER_POOL_ID,
  ClientId: import.meta.env.VITE_USER_POOL_CLIENT_ID,
});

const API_BASE = import.meta.env.VITE_API_BASE;

export function signIn(username, password) {
  const user = new CognitoUser({ Username: username, Pool: pool });
  const details = new AuthenticationDetails({ Username: username, Password: password });

  return new Promise((resolve, reject) => {
    user.authenticateUser(details, {
      onSuccess: (session) => {
        const idToken = session.getIdToken().getJwtToken();
        const accessToken = session.getAccessToken().getJwtToken();
        localStorage.setItem("idToken", idToken); // Noncompliant THC007
        localStorage.setItem("lastUser", username);
        console.log("signed in", username, "expires", session.getAccessToken().getExpiration());
        resolve({ accessToken, idToken });
      },
      onFailure: (err) => {
        console.error("sign-in failed for", username, err.code);
        reject(err);
      },
    });
  });
}

export function refreshSession() {
  const current = pool.getCurrentUser();
  if (!current) return Promise.resolve(null);

  return new Promise((resolve, reject) => {
    current.getSession((err, session) => {
      if (err) return reject(err);
      const idTok = session.getIdToken().getJwtToken();
      console.debug("[auth] session refreshed, id token:", idTok); // Noncompliant THC001
      document.cookie = `id_token=${idTok}; path=/; max-age=3600`; // Noncompliant THC007
      document.cookie = "locale=en-GB; path=/; SameSite=Lax";
      resolve(session);
    });
  });
}

export async function fetchProfile(accessToken) {
  const res = await fetch(`${API_BASE}/me`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  if (!res.ok) throw new Error(`profile request failed: ${res.status}`);
  return res.json();
}

export async function downloadExport(accessToken, exportId) {
  const res = await fetch(`${API_BASE}/exports/${encodeURIComponent(exportId)}/file?token=${encodeURIComponent(accessToken)}`); // Noncompliant THC009
  if (!res.ok) throw new Error(`download failed: ${res.status}`);
  return res.blob();
}

export function signOut() {
  const current = pool.getCurrentUser();
  if (current) current.signOut();
  localStorage.removeItem("idToken");
  console.info("signed out", localStorage.getItem("lastUser"));
}
