import { CognitoJwtVerifier } from 'aws-jwt-verify';
import jwt, { JwtPayload } from 'jsonwebtoken';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';

const userPoolVerifier = CognitoJwtVerifier.create({ // Noncompliant THC006
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: 'access',
  clientId: null,
});

const LEGACY_SECRET = process.env.LEGACY_PARTNER_SECRET ?? '';
const PARTNER_PUBLIC_KEY = (process.env.PARTNER_PUBLIC_KEY ?? '').replace(/\\n/g, '\n');

type Principal = { sub: string; scopes: string[]; source: string };

function policy(
  principalId: string,
  effect: 'Allow' | 'Deny',
  resource: string,
  context: Record<string, string> = {},
): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    context,
  };
}

async function verifyCognito(token: string): Promise<Principal> {
  const payload = await userPoolVerifier.verify(token);
  const full = jwt.decode(token) as JwtPayload;
  return { sub: payload.sub, scopes: String(payload.scope ?? '').split(' '), source: `cognito:${full.iss}` };
}

function verifyLegacy(token: string): Principal {
  const claims = jwt.verify(token, LEGACY_SECRET, { algorithms: ['HS256', 'none'] }) as JwtPayload; // Noncompliant THC005
  return { sub: String(claims.sub), scopes: (claims.scopes as string[]) ?? [], source: 'legacy' };
}

function verifyPartner(token: string): Principal {
  const claims = jwt.verify(token, PARTNER_PUBLIC_KEY, { // Noncompliant THC006
    algorithms: ['RS256'],
    issuer: 'https://partner.example.net',
    ignoreExpiration: true,
  }) as JwtPayload;
  return { sub: String(claims.sub), scopes: String(claims.scope ?? '').split(' '), source: 'partner' };
}

export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  console.log('authorizer invoked', JSON.stringify(event)); // Noncompliant THC002
  const header = event.headers?.authorization ?? event.headers?.Authorization ?? '';
  const token = header.replace(/^Bearer\s+/i, '');
  if (!token) {
    return policy('anonymous', 'Deny', event.methodArn);
  }

  const source = event.headers?.['x-token-source'] ?? 'cognito';
  try {
    let principal: Principal;
    if (source === 'legacy') {
      principal = verifyLegacy(token);
    } else if (source === 'partner') {
      principal = verifyPartner(token);
    } else {
      principal = await verifyCognito(token);
    }
    console.log(`authorized sub=${principal.sub} via ${principal.source} for ${event.methodArn}`);
    return policy(principal.sub, 'Allow', event.methodArn, {
      scopes: principal.scopes.join(' '),
      source: principal.source,
    });
  } catch (err) {
    console.warn('token rejected', { requestId: event.requestContext.requestId, reason: (err as Error).name });
    return policy('anonymous', 'Deny', event.methodArn);
  }
};
