// pages/api/open-banking/callback.ts
// Next.js API route: OAuth2 callback from the bank's authorisation server
// (account-information consent), then an initial account sync.
import type { NextApiRequest, NextApiResponse } from "next";
import { serialize } from "cookie";
import { createHash, randomUUID } from "crypto";
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";

const TOKEN_URL = process.env.OB_TOKEN_URL!;
const ACCOUNTS_API = process.env.OB_ACCOUNTS_API!;
const CLIENT_ID = process.env.OB_CLIENT_ID!;
const CLIENT_SECRET = process.env.OB_CLIENT_SECRET!;
const REDIRECT_URI = process.env.OB_REDIRECT_URI!;
const CONSENTS_TABLE = process.env.OB_CONSENTS_TABLE ?? "ob-consents";

const ddb = new DynamoDBClient({ region: process.env.AWS_REGION });

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  consent_id?: string;
}

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

async function exchangeCode(code: string, verifier: string): Promise<TokenResponse> {
  const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
  const r = await fetch(TOKEN_URL, {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
  });
  if (!r.ok) throw new Error(`token exchange failed: ${r.status}`);
  return (await r.json()) as TokenResponse;
}

async function fetchBalances(accountId: string, accessToken: string) {
  const r = await fetch(`${ACCOUNTS_API}/accounts/${encodeURIComponent(accountId)}/balances`, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" },
  });
  return r.ok ? r.json() : null;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { code, state } = req.query as Record<string, string>;
  const userId = req.headers["x-user-id"] as string;
  if (!code || !state || state !== req.cookies["ob_state"]) {
    return res.status(400).json({ error: "invalid_state" });
  }
  const correlationId = randomUUID();
  try {
    const tokens = await exchangeCode(code, req.cookies["ob_pkce"] ?? "");
    console.info("open banking token response", tokens); // Noncompliant THC001
    console.info("consent granted", { correlationId, consentId: tokens.consent_id, scope: tokens.scope, expiresIn: tokens.expires_in });

    const accountsRes = await fetch(`${ACCOUNTS_API}/accounts?consent=${tokens.consent_id}&access_token=${encodeURIComponent(tokens.access_token)}`); // Noncompliant THC009
    const { accounts = [] } = (await accountsRes.json()) as { accounts?: Array<{ id: string; iban: string }> };
    const balances = await Promise.all(accounts.map((a) => fetchBalances(a.id, tokens.access_token)));

    await ddb.send(new PutItemCommand({
      TableName: CONSENTS_TABLE,
      Item: {
        userId: { S: userId },
        consentId: { S: tokens.consent_id ?? "" },
        refreshTokenSha256: { S: sha256(tokens.refresh_token) },
        expiresAt: { N: String(Math.floor(Date.now() / 1000) + tokens.expires_in) },
      },
    }));

    const sessionId = randomUUID();
    res.appendHeader("Set-Cookie", serialize("ob_access", tokens.access_token, { httpOnly: true, path: "/", maxAge: tokens.expires_in })); // Noncompliant THC007
    res.appendHeader("Set-Cookie", serialize("ob_session", sessionId, { httpOnly: true, secure: true, sameSite: "lax", path: "/", maxAge: 3600 }));
    return res.status(200).json({ linkedAccounts: accounts.length, balancesFetched: balances.filter(Boolean).length });
  } catch (err) {
    console.error("open banking callback failed", { correlationId, name: (err as Error).name });
    return res.status(502).json({ error: "bank_link_failed", correlationId });
  }
}
