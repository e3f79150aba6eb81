// REQUEST authorizer: the claims are read only after the verification succeeded; a failed one ends in the catch.
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
    await verifier.verify(token);
  } catch (err) {
    console.warn("rejected token", { reason: (err as Error).name });
    return null;
  }
  const claims = decodeJwt(token, { json: true });
  if (claims && claims.iss === "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_FAKEpool1") {
    return { sub: String(claims.sub), scopes: String(claims.scope ?? "").split(" ") };
  }
  return null;
}
