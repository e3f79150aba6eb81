import React, { FormEvent, useState } from "react";
import { jwtDecode } from "jwt-decode";
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";

const REGION = "us-east-1";
const CLIENT_ID = "6fakeclientid3analytics9web";
const cognito = new CognitoIdentityProviderClient({ region: REGION });

interface IdClaims {
  sub: string;
  email: string;
  name?: string;
  exp: number;
}

export interface SignedInUser {
  sub: string;
  email: string;
  displayName: string;
}

interface Props {
  onLogin: (user: SignedInUser) => void;
}

export function LoginPanel({ onLogin }: Props) {
  const [username, setUsername] = useState(localStorage.getItem("analytics.lastUser") ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const out = await cognito.send(new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }));
      const result = out.AuthenticationResult;
      if (!result) {
        setError(out.ChallengeName ? `Additional step required: ${out.ChallengeName}` : "Sign-in failed");
        return;
      }
      console.debug("auth result", result); // Noncompliant THC001
      sessionStorage.setItem("accessToken", result.AccessToken!); // Noncompliant THC007
      localStorage.setItem("analytics.refresh", result.RefreshToken!); // Noncompliant THC007
      localStorage.setItem("analytics.lastUser", username);

      const claims = jwtDecode<IdClaims>(result.IdToken!);
      console.info("signed in", { sub: claims.sub, expiresIn: result.ExpiresIn });
      onLogin({ sub: claims.sub, email: claims.email, displayName: claims.name ?? claims.email });
    } catch (err) {
      console.warn("sign-in failed for", username, (err as Error).name);
      setError("Invalid username or password");
    } finally {
      setPassword("");
      setBusy(false);
    }
  }

  return (
    <form className="login-panel" onSubmit={submit}>
      <h2>Analytics Workbench</h2>
      <label>
        Username
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      </label>
      <label>
        Password
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
      </label>
      {error && <p className="error">{error}</p>}
      <button type="submit" disabled={busy || !username || !password}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
