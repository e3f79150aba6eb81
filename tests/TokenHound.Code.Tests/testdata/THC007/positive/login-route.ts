// Next.js API route (pages router): the access-token cookie is serialized without flags, then set with the others.
import type { NextApiRequest, NextApiResponse } from "next";
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { serialize } from "cookie";

const cognito = new CognitoIdentityProviderClient({});

export default async function login(req: NextApiRequest, res: NextApiResponse) {
  const { email, password } = req.body as { email: string; password: string };
  const out = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: process.env.COGNITO_CLIENT_ID!,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const result = out.AuthenticationResult!;
  const accessCookie = serialize("access_token", result.AccessToken!, { path: "/", maxAge: result.ExpiresIn }); // Noncompliant
  const refreshCookie = serialize("refresh_token", result.RefreshToken ?? "", { httpOnly: true, secure: true, sameSite: "strict" });
  res.setHeader("Set-Cookie", [accessCookie, refreshCookie]);
  res.status(204).end();
}
