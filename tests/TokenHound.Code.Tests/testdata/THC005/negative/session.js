// Auth.js / next-auth session route: their jwt.decode({ token, secret }) takes one options object and decrypts an
// authenticated JWE with the app secret (jwtDecrypt), so the session token is checked, not just read.
import * as jwt from "../../jwt/index.js";

export async function session(params) {
  const { options, sessionStore } = params;
  const { adapter, jwt: jwtOptions, logger, session: { strategy: sessionStrategy } } = options;
  const sessionToken = sessionStore.value;
  if (!sessionToken) return { body: {}, headers: {}, cookies: [] };

  if (sessionStrategy === "jwt") {
    try {
      const decodedToken = await jwt.decode({ ...jwtOptions, token: sessionToken });
      if (!decodedToken) throw new Error("Invalid JWT");
      return { body: { user: decodedToken.user, expires: decodedToken.exp }, cookies: [] };
    } catch (error) {
      logger.error("JWT_SESSION_ERROR", error);
      return { body: {}, cookies: sessionStore.clean() };
    }
  }

  return { body: await adapter.getSessionAndUser(sessionToken), cookies: [] };
}
