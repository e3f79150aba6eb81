// API Gateway REQUEST authorizer: the token is verified first; the shortcut only reads claims of the verified token.
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { decodeJwt } from "jose";
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from "aws-lambda";

const verifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: "access",
  clientId: process.env.CLIENT_ID!,
});

const policy = (principalId: string, effect: "Allow" | "Deny", resource: string): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }] },
});

export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const token = (event.headers?.authorization ?? "").replace(/^Bearer /, "");
  if (!token) {
    return policy("anonymous", "Deny", event.methodArn);
  }

  const payload = await verifier.verify(token);
  if (event.headers?.["x-client-type"] === "service") {
    const claims = decodeJwt(token);
    if (String(claims.scope ?? "").split(" ").includes("orders/write")) {
      return policy(String(claims.client_id), "Allow", event.methodArn);
    }
    return policy("service", "Deny", event.methodArn);
  }

  return policy(payload.sub, "Allow", event.methodArn);
};
