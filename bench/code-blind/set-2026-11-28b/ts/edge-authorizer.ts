import type { APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult } from "aws-lambda";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { decodeJwt } from "jose";
import { Logger } from "@aws-lambda-powertools/logger";

const logger = new Logger({ serviceName: "edge-authorizer" });

const accessVerifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: "access",
  clientId: process.env.APP_CLIENT_ID!,
});
const idVerifier = CognitoJwtVerifier.create({ userPoolId: process.env.USER_POOL_ID!, tokenUse: "id", clientId: null }); // Noncompliant THC006

function policy(
  principalId: string,
  effect: "Allow" | "Deny",
  resource: string,
  context: Record<string, string> = {},
): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }],
    },
    context,
  };
}

export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  logger.info("authorizer invoked", { methodArn: event.methodArn, requestId: event.requestContext.requestId });
  console.log("headers: " + JSON.stringify(event.headers)); // Noncompliant THC002

  const auth = event.headers?.Authorization ?? event.headers?.authorization ?? "";
  const token = auth.replace(/^Bearer /, "");
  if (!token) return policy("anonymous", "Deny", event.methodArn);

  // machine clients present a client-credentials access token
  if (event.headers?.["x-client-type"] === "service") {
    const claims = decodeJwt(token); // Noncompliant THC005
    const scopes = String(claims.scope ?? "").split(" ");
    if (scopes.includes("orders/write")) {
      return policy(String(claims.client_id), "Allow", event.methodArn, { clientType: "service" });
    }
    return policy("service", "Deny", event.methodArn);
  }

  try {
    const access = await accessVerifier.verify(token);
    const idToken = event.headers?.["x-id-token"];
    const id = idToken ? await idVerifier.verify(idToken) : undefined;
    logger.info("verified caller", { sub: access.sub, hasIdToken: Boolean(id), tokenLength: token.length });
    return policy(access.sub, "Allow", event.methodArn, { email: String(id?.email ?? "") });
  } catch (err) {
    logger.warn("verification failed", { error: (err as Error).name, requestId: event.requestContext.requestId });
    return policy("unknown", "Deny", event.methodArn);
  }
};
