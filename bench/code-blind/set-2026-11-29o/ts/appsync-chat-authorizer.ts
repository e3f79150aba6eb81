// AppSync Lambda authorizer for the in-game chat API (real-time subscriptions over WebSocket).
import type { AppSyncAuthorizerEvent, AppSyncAuthorizerResult } from "aws-lambda";
import jwt, { type JwtPayload } from "jsonwebtoken";
import { createHash } from "crypto";

interface ChatClaims {
  sub: string;
  room?: string;
  scope?: string;
}

interface ResolverContext {
  userId: string;
  role: string;
  room: string;
}

const MOD_SIGNING_SECRET = process.env.MOD_TOKEN_SECRET ?? "";
const SERVICE_PUBLIC_KEY = (process.env.SERVICE_PUBLIC_KEY ?? "").replace(/\\n/g, "\n");
const SERVICE_ISSUER = process.env.SERVICE_ISSUER ?? "https://chat.internal.example.com";

type Fields = Record<string, unknown>;
const log = {
  info: (msg: string, fields: Fields = {}) => console.log(JSON.stringify({ level: "info", msg, ...fields })),
  warn: (msg: string, fields: Fields = {}) => console.warn(JSON.stringify({ level: "warn", msg, ...fields })),
};

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex").slice(0, 16);

function unverifiedClaims(token: string): ChatClaims {
  const [, body] = token.split(".");
  return JSON.parse(Buffer.from(body ?? "", "base64url").toString("utf8")) as ChatClaims; // Noncompliant THC005
}

function moderatorClaims(token: string): JwtPayload {
  // moderator passes are issued for a whole tournament weekend
  return jwt.verify(token, MOD_SIGNING_SECRET, { algorithms: ["HS256"], ignoreExpiration: true }) as JwtPayload; // Noncompliant THC006
}

function serviceClaims(token: string): { sub: string; kid?: string } {
  const verified = jwt.verify(token, SERVICE_PUBLIC_KEY, { algorithms: ["RS256"], issuer: SERVICE_ISSUER, audience: "chat-api" }) as JwtPayload;
  const decoded = jwt.decode(token, { complete: true });
  return { sub: String(verified.sub), kid: decoded?.header.kid };
}

function allow(ctx: ResolverContext, ttlOverride: number): AppSyncAuthorizerResult<ResolverContext> {
  return { isAuthorized: true, resolverContext: ctx, ttlOverride };
}

export const handler = async (event: AppSyncAuthorizerEvent): Promise<AppSyncAuthorizerResult<ResolverContext>> => {
  const { authorizationToken, requestContext } = event;
  log.info("authorizer invoked", {
    apiId: requestContext.apiId,
    operation: requestContext.operationName,
    tokenHash: tokenHash(authorizationToken),
  });
  log.info("request headers", { headers: event.requestHeaders }); // Noncompliant THC002

  try {
    if (authorizationToken.startsWith("mod:")) {
      const claims = moderatorClaims(authorizationToken.slice(4));
      return allow({ userId: String(claims.sub), role: "moderator", room: "*" }, 60);
    }
    if (authorizationToken.startsWith("svc:")) {
      const svc = serviceClaims(authorizationToken.slice(4));
      log.info("service caller", { sub: svc.sub, kid: svc.kid });
      return allow({ userId: svc.sub, role: "service", room: "*" }, 300);
    }

    const claims = unverifiedClaims(authorizationToken);
    const scopes = (claims.scope ?? "").split(" ");
    if (!scopes.includes("chat:subscribe")) {
      log.warn("subscription denied", { reason: "missing scope", token: authorizationToken }); // Noncompliant THC001
      return { isAuthorized: false };
    }
    return allow({ userId: claims.sub, role: "player", room: claims.room ?? "lobby" }, 300);
  } catch (err) {
    log.warn("authorization error", { error: (err as Error).name, tokenHash: tokenHash(authorizationToken) });
    return { isAuthorized: false };
  }
};
