// pages/api/playback/cookies.ts
// Issues CloudFront signed cookies so the VOD player can fetch HLS segments for one title.
import type { NextApiRequest, NextApiResponse } from "next";
import { getSignedCookies } from "@aws-sdk/cloudfront-signer";
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { randomUUID } from "crypto";

const VOD_DOMAIN = process.env.VOD_DOMAIN ?? "vod.example-stream.tv";
const COOKIE_DOMAIN = process.env.COOKIE_DOMAIN ?? ".example-stream.tv";
const KEY_PAIR_ID = process.env.CF_KEY_PAIR_ID ?? "";
const KEY_SECRET_ARN = process.env.CF_PRIVATE_KEY_SECRET_ARN ?? "";
const COOKIE_TTL_SECONDS = 60 * 60;

const secrets = new SecretsManagerClient({});

const viewerVerifier = CognitoJwtVerifier.create({ // Noncompliant THC006
  userPoolId: process.env.VIEWER_POOL_ID ?? "",
  tokenUse: "id",
  clientId: null,
});

let signingKey: string | undefined;

async function loadSigningKey(): Promise<string> {
  if (!signingKey) {
    const out = await secrets.send(new GetSecretValueCommand({ SecretId: KEY_SECRET_ARN }));
    signingKey = out.SecretString ?? "";
    console.info("cloudfront signing key loaded", { secretArn: KEY_SECRET_ARN, keyPairId: KEY_PAIR_ID });
  }
  return signingKey ?? "";
}

function buildPolicy(titleId: string, expiresAt: number): string {
  return JSON.stringify({
    Statement: [
      {
        Resource: `https://${VOD_DOMAIN}/titles/${titleId}/*`,
        Condition: { DateLessThan: { "AWS:EpochTime": expiresAt } },
      },
    ],
  });
}

function serializeCookie(name: string, value: string, maxAge: number): string {
  return `${name}=${value}; Domain=${COOKIE_DOMAIN}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
}

function entitled(groups: unknown, titleId: string): boolean {
  const list = Array.isArray(groups) ? (groups as string[]) : [];
  return list.includes("premium") || titleId.startsWith("free-");
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const correlationId = randomUUID();
  const authorization = req.headers.authorization ?? "";
  console.log(`[${correlationId}] playback cookie request auth=${authorization}`); // Noncompliant THC001
  const idToken = authorization.replace(/^Bearer\s+/i, "");

  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).json({ error: "method not allowed", correlationId });
  }

  let viewer: Record<string, unknown>;
  try {
    viewer = await viewerVerifier.verify(idToken);
  } catch {
    return res.status(401).json({ error: "unauthorized", correlationId });
  }

  try {
    const titleId = String(req.query.titleId ?? "");
    if (!/^[a-z0-9-]{3,64}$/.test(titleId) || !entitled(viewer["cognito:groups"], titleId)) {
      return res.status(403).json({ error: "not entitled", correlationId });
    }
    const expiresAt = Math.floor(Date.now() / 1000) + COOKIE_TTL_SECONDS;
    const signed = getSignedCookies({
      keyPairId: KEY_PAIR_ID,
      privateKey: await loadSigningKey(),
      policy: buildPolicy(titleId, expiresAt),
    }) as Record<string, string>;
    const signedHeaders = Object.entries(signed).map(([name, value]) => serializeCookie(name, value, COOKIE_TTL_SECONDS));
    res.setHeader("Set-Cookie", [...signedHeaders, `viewer_session=${idToken}; Path=/; Max-Age=${COOKIE_TTL_SECONDS}`]); // Noncompliant THC007
    console.info(`[${correlationId}] cookies issued for ${String(viewer.sub)} title=${titleId}`);
    return res.status(204).end();
  } catch (err) {
    const e = err as Error;
    console.error(`[${correlationId}] cookie issue failed: ${e.name}`);
    return res.status(500).json({ error: e.message, stack: e.stack, correlationId }); // Noncompliant THC003
  }
}
