// REST API (v1) TOKEN authorizer shared by the legacy mobile API and the partner API.
// Ported from the JS authorizer in 2021; the partner path keeps the HS256 tokens the
// old partner portal minted.

import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { Logger } from '@aws-lambda-powertools/logger';
import * as jwt from 'jsonwebtoken';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent, Context } from 'aws-lambda';

const logger = new Logger({ serviceName: 'legacy-authorizer' });

const accessVerifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: 'access',
  clientId: process.env.APP_CLIENT_ID!,
});

// ID tokens from the old mobile builds: several app client ids are in the wild, so the
// client check was switched off rather than listing them
const mobileIdVerifier = CognitoJwtVerifier.create({ // Noncompliant THC006
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: 'id',
  clientId: null,
});

const PARTNER_HMAC_SECRET = process.env.PARTNER_HMAC_SECRET ?? '';

type Claims = Record<string, unknown> & { sub?: string };

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string, ctx: Record<string, string> = {}): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    context: ctx,
  };
}

function verifyPartnerToken(token: string): Claims {
  // partner tokens are long-lived; the partner portal never rotated them
  return jwt.verify(token, PARTNER_HMAC_SECRET, { algorithms: ['HS256'], ignoreExpiration: true }) as Claims; // Noncompliant THC006
}

function routeOf(methodArn: string): string {
  // arn:aws:execute-api:region:account:apiId/stage/METHOD/resource/path
  const parts = methodArn.split(':')[5]?.split('/') ?? [];
  return '/' + parts.slice(3).join('/');
}

export const handler = async (event: APIGatewayTokenAuthorizerEvent, context: Context): Promise<APIGatewayAuthorizerResult> => {
  console.log('authorizer event', event); // Noncompliant THC002
  logger.appendKeys({ awsRequestId: context.awsRequestId });
  logger.info('authorizing', { methodArn: event.methodArn });

  const token = (event.authorizationToken ?? '').replace(/^Bearer\s+/i, '');
  const route = routeOf(event.methodArn);

  try {
    let claims: Claims;
    if (route.startsWith('/partner/')) {
      claims = verifyPartnerToken(token);
    } else if (route.startsWith('/mobile/v1/')) {
      claims = (await mobileIdVerifier.verify(token)) as unknown as Claims;
    } else {
      claims = (await accessVerifier.verify(token)) as unknown as Claims;
    }
    logger.info('authorized', { sub: claims.sub, route });
    return policy(String(claims.sub), 'Allow', event.methodArn, { sub: String(claims.sub) });
  } catch (err) {
    logger.warn('token rejected', { reason: (err as Error).name, tokenLength: token.length, route });
    logger.debug('rejected token', { token }); // Noncompliant THC001
    throw new Error('Unauthorized');
  }
};
