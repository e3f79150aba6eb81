import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult } from 'aws-lambda';

const USER_POOL_ID = process.env.USER_POOL_ID!;
const WEB_CLIENT_ID = process.env.WEB_CLIENT_ID!;

// Access tokens issued to the web client
const accessVerifier = CognitoJwtVerifier.create({
  userPoolId: USER_POOL_ID,
  tokenUse: 'access',
  clientId: WEB_CLIENT_ID,
});

// Id tokens from any app client (partners integrate with their own client)
const idVerifier = CognitoJwtVerifier.create({ // Noncompliant THC006
  userPoolId: USER_POOL_ID,
  tokenUse: 'id',
  clientId: null,
});

type Effect = 'Allow' | 'Deny';

function policy(principalId: string, effect: Effect, resource: string, ctx?: Record<string, string>): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    context: ctx,
  };
}

function wildcardArn(methodArn: string): string {
  const [arnPrefix, stage] = methodArn.split('/');
  return `${arnPrefix}/${stage}/*/*`;
}

function headerValue(headers: Record<string, string | undefined> | null, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? headers[key] : undefined;
}

export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const raw = headerValue(event.headers as Record<string, string>, 'authorization');
  if (!raw) {
    return policy('anonymous', 'Deny', event.methodArn);
  }
  const token = raw.replace(/^Bearer\s+/i, '');
  const isPartner = headerValue(event.headers as Record<string, string>, 'x-partner') === '1';
  try {
    const claims = isPartner ? await idVerifier.verify(token) : await accessVerifier.verify(token);
    console.log('authorized', claims.sub, event.requestContext.requestId);
    return policy(claims.sub, 'Allow', wildcardArn(event.methodArn), { sub: claims.sub });
  } catch (err) {
    console.warn('rejected token', (err as Error).name, `len=${token.length}`);
    return policy('anonymous', 'Deny', event.methodArn);
  }
};
