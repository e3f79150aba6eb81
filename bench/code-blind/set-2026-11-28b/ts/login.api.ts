import type { NextApiRequest, NextApiResponse } from "next";
import pino from "pino";
import { serialize } from "cookie";
import { randomUUID } from "crypto";
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
} from "@aws-sdk/client-cognito-identity-provider";

const log = pino({ level: process.env.LOG_LEVEL ?? "info", redact: ["req.headers.authorization"] });
const cognito = new CognitoIdentityProviderClient({});

type LoginBody = { email?: string; password?: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).end();
  }

  const { email, password } = (req.body ?? {}) as LoginBody;
  if (!email || !password) {
    return res.status(400).json({ error: "email and password are required" });
  }

  const correlationId = randomUUID();
  log.debug({ email, password, correlationId }, "login attempt"); // Noncompliant THC001

  try {
    const out = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: process.env.COGNITO_CLIENT_ID!,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );

    const result = out.AuthenticationResult;
    if (!result?.AccessToken) {
      log.info({ email, challenge: out.ChallengeName, correlationId }, "login requires challenge");
      return res.status(202).json({ challenge: out.ChallengeName, session: out.Session });
    }

    const accessCookie = serialize("access_token", result.AccessToken, { path: "/", maxAge: result.ExpiresIn }); // Noncompliant THC007
    const refreshCookie = serialize("refresh_token", result.RefreshToken ?? "", {
      httpOnly: true,
      secure: true,
      sameSite: "strict",
      path: "/api/auth/refresh",
      maxAge: 30 * 24 * 3600,
    });
    res.setHeader("Set-Cookie", [accessCookie, refreshCookie]);

    log.info({ email, expiresIn: result.ExpiresIn, correlationId }, "login ok");
    return res.status(200).json({ expiresIn: result.ExpiresIn });
  } catch (err) {
    if (err instanceof NotAuthorizedException) {
      log.warn({ email, correlationId }, "invalid credentials");
      return res.status(401).json({ error: "invalid credentials", correlationId });
    }
    log.error({ err: (err as Error).name, correlationId }, "login failed");
    return res.status(500).json({ error: (err as Error).message, email, stack: (err as Error).stack }); // Noncompliant THC003
  }
}
