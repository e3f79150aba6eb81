// Lambda REQUEST authorizer in front of the HealthLake FHIR proxy (API Gateway REST).
// Accepts Cognito access tokens from SMART-on-FHIR apps and ID tokens from the clinician console.
import type {
  APIGatewayRequestAuthorizerEvent,
  APIGatewayAuthorizerResult,
  Context,
} from "aws-lambda";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { decode as decodeJwt } from "jsonwebtoken";
import { createHash } from "crypto";

const USER_POOL_ID = process.env.USER_POOL_ID ?? "us-east-1_FAKEpool1";
const SMART_CLIENT_ID = process.env.SMART_CLIENT_ID ?? "smartappclientfake01";
const LEGACY_LAUNCH_ISSUER = "https://launch.legacy-ehr.example-hospital.org";

const accessVerifier = CognitoJwtVerifier.create({
  userPoolId: USER_POOL_ID,
  tokenUse: "access",
  clientId: SMART_CLIENT_ID,
});

const consoleIdVerifier = CognitoJwtVerifier.create({ userPoolId: USER_POOL_ID, tokenUse: "id", clientId: null }); // Noncompliant THC006

interface Principal {
  sub: string;
  scopes: string[];
  source: "smart" | "console" | "legacy";
}

const tokenDigest = (t: string): string => createHash("sha256").update(t).digest("base64url").slice(0, 16);

function policy(principal: Principal | null, methodArn: string): APIGatewayAuthorizerResult {
  const [arnPrefix, stage] = methodArn.split("/", 2);
  return {
    principalId: principal?.sub ?? "anonymous",
    policyDocument: {
      Version: "2012-10-17",
      Statement: [
        { Action: "execute-api:Invoke", Effect: principal ? "Allow" : "Deny", Resource: `${arnPrefix}/${stage}/*` },
      ],
    },
    context: principal ? { scopes: principal.scopes.join(" "), source: principal.source } : undefined,
  };
}

async function resolvePrincipal(token: string, clientHint: string | undefined): Promise<Principal | null> {
  if (clientHint === "console") {
    const claims = await consoleIdVerifier.verify(token);
    return { sub: claims.sub, scopes: ["user/*.read"], source: "console" };
  }
  try {
    const claims = await accessVerifier.verify(token);
    return { sub: claims.sub, scopes: String(claims.scope ?? "").split(" "), source: "smart" };
  } catch (err) {
    // Tokens minted by the old EHR launch server are not in the user pool.
    const legacy = decodeJwt(token, { json: true }); // Noncompliant THC005
    if (legacy && legacy.iss === LEGACY_LAUNCH_ISSUER && typeof legacy.sub === "string") {
      return { sub: legacy.sub, scopes: String(legacy.scope ?? "patient/*.read").split(" "), source: "legacy" };
    }
    return null;
  }
}

export const handler = async (
  event: APIGatewayRequestAuthorizerEvent,
  context: Context
): Promise<APIGatewayAuthorizerResult> => {
  console.log("authorizer invoked", JSON.stringify(event, null, 2)); // Noncompliant THC002
  const header = event.headers?.Authorization ?? event.headers?.authorization ?? "";
  const token = header.replace(/^Bearer\s+/i, "");
  const clientHint = event.headers?.["x-client-kind"];

  if (!token) {
    console.warn("missing bearer", { requestId: event.requestContext.requestId });
    return policy(null, event.methodArn);
  }

  try {
    const principal = await resolvePrincipal(token, clientHint);
    console.info("authorized", {
      principalId: principal?.sub,
      source: principal?.source,
      tokenDigest: tokenDigest(token),
      awsRequestId: context.awsRequestId,
    });
    return policy(principal, event.methodArn);
  } catch (err) {
    const failedHeader = header;
    console.error(`authorization failed for header "${failedHeader}": ${(err as Error).message}`); // Noncompliant THC001
    return policy(null, event.methodArn);
  }
};
