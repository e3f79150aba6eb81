// Auth middleware for the partner data-sharing API (Express).
import { CognitoJwtVerifier } from "aws-jwt-verify";
import jwt, { JwtPayload } from "jsonwebtoken";
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import winston from "winston";

const logger = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Console()] });

const userPoolId = process.env.PARTNER_POOL_ID!;
const portalClientId = process.env.PARTNER_PORTAL_CLIENT_ID!;

export const accessVerifier = CognitoJwtVerifier.create({
  userPoolId,
  tokenUse: "access",
  clientId: portalClientId,
});

export const idVerifier = CognitoJwtVerifier.create({ // Noncompliant THC006
  userPoolId,
  tokenUse: "id",
  clientId: null,
});

const partnerSecrets = new Map<string, string>(
  Object.entries(JSON.parse(process.env.PARTNER_HMAC_KEYS ?? "{}")),
);
const LEGACY_KEY = process.env.LEGACY_PARTNER_KEY ?? "";

export function verifyPartnerToken(token: string, partnerId: string): JwtPayload {
  const secret = partnerSecrets.get(partnerId);
  if (!secret) throw new Error(`unknown partner ${partnerId}`);
  return jwt.verify(token, secret, { algorithms: ["HS256", "none"], issuer: partnerId }) as JwtPayload; // Noncompliant THC005
}

export function verifyLegacyToken(token: string): JwtPayload {
  return jwt.verify(token, LEGACY_KEY, { algorithms: ["HS256"], ignoreExpiration: true }) as JwtPayload; // Noncompliant THC006
}

export interface PartnerPrincipal {
  partnerId: string;
  subject: string;
  datasets: string[];
}

declare module "express-serve-static-core" {
  interface Request {
    principal?: PartnerPrincipal;
  }
}

export async function portalAuth(req: Request, res: Response, next: NextFunction) {
  const raw = (req.header("authorization") ?? "").replace(/^Bearer /, "");
  try {
    const payload = await accessVerifier.verify(raw);
    const header = jwt.decode(raw, { complete: true })?.header;
    logger.info("portal user", { sub: payload.sub, kid: header?.kid });
    req.principal = { partnerId: "portal", subject: payload.sub, datasets: (payload.scope ?? "").split(" ") };
    next();
  } catch (err) {
    const correlationId = randomUUID();
    logger.warn("portal token rejected", { correlationId, reason: (err as Error).name });
    res.status(401).json({ error: "unauthorized", correlationId });
  }
}

export function partnerAuth(req: Request, res: Response, next: NextFunction) {
  const partnerId = req.header("x-partner-id") ?? "";
  const token = req.header("x-partner-token") ?? "";
  try {
    const claims = partnerId === "legacy" ? verifyLegacyToken(token) : verifyPartnerToken(token, partnerId);
    req.principal = { partnerId, subject: String(claims.sub), datasets: claims.datasets ?? [] };
    logger.info("partner authenticated", { partnerId, sub: claims.sub });
    next();
  } catch (err) {
    logger.warn("partner token rejected", { partnerId, reason: (err as Error).message });
    res.status(401).json({ error: "invalid partner token", partnerId, received: token }); // Noncompliant THC003
  }
}
