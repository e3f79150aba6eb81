// REQUEST authorizer: Cognito access tokens, with a fallback for tokens of the old EHR launch server.
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { decode as decodeJwt } from "jsonwebtoken";

const verifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID ?? "",
  tokenUse: "access",
  clientId: process.env.APP_CLIENT_ID ?? "",
});

interface Principal {
  sub: string;
  scopes: string[];
}

export async function principalFor(token: string): Promise<Principal | null> {
  try {
    const claims = await verifier.verify(token);
    return { sub: claims.sub, scopes: String(claims.scope ?? "").split(" ") };
  } catch (err) {
    // the catch runs because the verification failed: the decode below is not vouched for by it
    const legacy = decodeJwt(token, { json: true }); // Noncompliant
    if (legacy && legacy.iss === "https://launch.legacy-ehr.example.org") {
      return { sub: String(legacy.sub), scopes: ["patient/*.read"] };
    }
    return null;
  }
}
