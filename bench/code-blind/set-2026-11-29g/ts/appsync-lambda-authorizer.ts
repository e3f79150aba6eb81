import { Logger } from '@aws-lambda-powertools/logger';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { AppSyncAuthorizerEvent, AppSyncAuthorizerResult } from 'aws-lambda';

// AppSync Lambda authorizer shared by the web console and the mobile apps.
const logger = new Logger({ serviceName: 'graphql-authorizer' });

// Mobile apps use access tokens from several app clients (iOS, Android, watch)
const accessVerifier = CognitoJwtVerifier.create({ // Noncompliant THC006
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: 'access',
  clientId: null,
});

const idVerifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: 'id',
  clientId: process.env.WEB_CLIENT_ID!,
});

interface ResolverContext {
  sub: string;
  tenantId: string;
  scopes: string;
}

const ADMIN_ONLY_FIELDS = ['Mutation.deleteTenant', 'Mutation.rotateApiKey', 'Query.auditLog'];

function deniedFieldsFor(groups: string[]): string[] {
  return groups.includes('admins') ? [] : ADMIN_ONLY_FIELDS;
}

async function verify(raw: string, kind: string): Promise<Record<string, unknown>> {
  if (kind === 'web') {
    return (await idVerifier.verify(raw)) as unknown as Record<string, unknown>;
  }
  return (await accessVerifier.verify(raw)) as unknown as Record<string, unknown>;
}

export const handler = async (
  event: AppSyncAuthorizerEvent,
): Promise<AppSyncAuthorizerResult<ResolverContext>> => {
  logger.info('authorizer invoked', { event }); // Noncompliant THC002
  const { requestContext } = event;
  logger.appendKeys({ apiId: requestContext.apiId, requestId: requestContext.requestId });

  const raw = event.authorizationToken.replace(/^Bearer\s+/i, '');
  const kind = event.requestHeaders?.['x-client-kind'] === 'web' ? 'web' : 'mobile';
  try {
    const payload = await verify(raw, kind);
    const groups = (payload['cognito:groups'] as string[] | undefined) ?? [];
    const sub = String(payload.sub);
    logger.info('authorized', { sub, groups, kind });
    return {
      isAuthorized: true,
      resolverContext: {
        sub,
        tenantId: String(payload['custom:tenant'] ?? ''),
        scopes: String(payload.scope ?? ''),
      },
      deniedFields: deniedFieldsFor(groups),
      ttlOverride: 300,
    };
  } catch (err) {
    logger.debug('token rejected', { authorizationToken: event.authorizationToken, reason: (err as Error).message }); // Noncompliant THC001
    logger.warn('authorization failed', { kind, tokenLength: raw.length });
    return { isAuthorized: false };
  }
};
