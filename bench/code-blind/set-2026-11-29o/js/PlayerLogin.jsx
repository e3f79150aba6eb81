// Arena web client: sign-in panel and provider linking (React + Amplify v6).
import { useCallback, useEffect, useState } from "react";
import { Amplify } from "aws-amplify";
import { signIn, signOut, fetchAuthSession, getCurrentUser } from "aws-amplify/auth";
import awsExports from "./aws-exports";

Amplify.configure(awsExports);

const LINK_API = "/api/links";
const PROVIDERS = ["twitch", "steam", "xbox"];

async function linkProvider(provider, code) {
  const accessToken = localStorage.getItem("arena.accessToken");
  const res = await fetch(`${LINK_API}/${provider}`, {
    method: "POST",
    headers: { "content-type": "application/json", Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ code, redirectUri: window.location.origin + "/link/callback" }),
  });
  if (!res.ok) throw new Error(`link failed (${res.status})`);
  return res.json();
}

export default function PlayerLogin({ onSignedIn, region = "eu" }) {
  const [username, setUsername] = useState(localStorage.getItem("arena.lastUser") || "");
  const [password, setPassword] = useState("");
  const [isModerator, setIsModerator] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    sessionStorage.setItem("arena.selectedRegion", region);
  }, [region]);

  useEffect(() => {
    getCurrentUser()
      .then((user) => console.log("restored session for", user.username))
      .catch(() => undefined);
  }, []);

  const handleSubmit = useCallback(
    async (e) => {
      e.preventDefault();
      setBusy(true);
      setError(null);
      try {
        await signIn({ username, password });
        const session = await fetchAuthSession();
        const accessToken = session.tokens?.accessToken?.toString();
        const idToken = session.tokens?.idToken?.toString();
        console.debug("auth session ready", { username, idToken }); // Noncompliant THC001
        localStorage.setItem("arena.accessToken", accessToken); // Noncompliant THC007
        localStorage.setItem("arena.lastUser", username);
        document.cookie = `arena_id=${idToken}; path=/; max-age=3600`; // Noncompliant THC007
        const payload = JSON.parse(atob(idToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))); // Noncompliant THC005
        setIsModerator((payload["cognito:groups"] || []).includes("moderators"));
        onSignedIn?.(username);
      } catch (err) {
        setError(err.name === "NotAuthorizedException" ? "Wrong username or password" : "Sign-in failed");
      } finally {
        setPassword("");
        setBusy(false);
      }
    },
    [username, password, onSignedIn],
  );

  const handleLink = async (provider) => {
    try {
      const { displayName } = await linkProvider(provider, new URLSearchParams(window.location.search).get("code"));
      console.info(`linked ${provider} account ${displayName}`);
    } catch (err) {
      setError(err.message);
    }
  };

  return (
    <form className="player-login" onSubmit={handleSubmit}>
      <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      <button type="submit" disabled={busy}>Sign in</button>
      <button type="button" onClick={() => signOut().then(() => localStorage.removeItem("arena.accessToken"))}>Sign out</button>
      {isModerator && <a href="/moderation">Moderation queue</a>}
      <div className="providers">
        {PROVIDERS.map((p) => (
          <button key={p} type="button" onClick={() => handleLink(p)}>Link {p}</button>
        ))}
      </div>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
