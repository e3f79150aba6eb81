import { serialize } from "cookie";
import type { NextApiRequest, NextApiResponse } from "next";
import { issueSession } from "../../lib/sessions";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { rememberToken, sessionToken } = await issueSession(req.body.username, req.body.password);
  res.setHeader("Set-Cookie", [
    serialize("remember_token", rememberToken, { path: "/", maxAge: 60 * 60 * 24 * 30 }), // Noncompliant
    serialize("session", sessionToken, { path: "/", httpOnly: true, secure: true, sameSite: "lax" }),
    serialize("theme", req.body.theme ?? "light", { path: "/" }),
  ]);
  res.status(204).end();
}
