import { decodeJwt, jwtVerify, createRemoteJWKSet } from "jose";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";

const jwks = createRemoteJWKSet(new URL(process.env.JWKS_URL!));

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const token = (event.headers.authorization ?? "").replace(/^Bearer /, "");
  const claims = decodeJwt(token); // Noncompliant
  if (claims["cognito:groups"]?.includes("admin")) {
    return { statusCode: 200, body: JSON.stringify({ admin: true }) };
  }
  return { statusCode: 403, body: "{}" };
}

export async function verified(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const token = (event.headers.authorization ?? "").replace(/^Bearer /, "");
  const { payload } = await jwtVerify(token, jwks, { issuer: process.env.ISSUER, audience: process.env.CLIENT_ID });
  return { statusCode: payload.sub ? 200 : 403, body: "{}" };
}
