import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

const JWKS = createRemoteJWKSet(new URL(process.env.JWKS_URL!));

function bearerOf(event: APIGatewayProxyEventV2): string {
  return (event.headers.authorization ?? '').replace(/^Bearer /, '');
}

export async function adminOnly(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const token = bearerOf(event);
  const claims = decodeJwt(token); // Noncompliant THC005
  if (claims.role !== 'admin') {
    return { statusCode: 403, body: 'forbidden' };
  }
  return { statusCode: 200, body: JSON.stringify({ admin: claims.sub }) };
}

export async function userInfo(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const token = bearerOf(event);
  const { alg } = decodeProtectedHeader(token);
  const { payload } = await jwtVerify(token, JWKS, { issuer: process.env.ISSUER, audience: process.env.AUDIENCE, algorithms: ['RS256'] });
  if (payload.role !== 'user' && payload.role !== 'admin') {
    return { statusCode: 403, body: 'forbidden' };
  }
  const again = decodeJwt(token);
  return { statusCode: 200, body: JSON.stringify({ sub: payload.sub, alg, exp: again.exp }) };
}

export function tenantOf(idToken: string): string {
  const [, body] = idToken.split('.');
  const json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')); // Noncompliant THC005
  return json['custom:tenant'];
}
