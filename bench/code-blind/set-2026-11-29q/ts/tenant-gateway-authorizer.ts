import type {
  APIGatewayAuthorizerResult,
  APIGatewayTokenAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

// TOKEN authorizer for the tenant-scoped partner API (REST API with usage plans).
// Maps the caller's Cognito identity to a tenant and its usage-plan API key id.

type TenantRecord = {
  tenantId: string;
  apiKeyId: string; // API Gateway key resource id, safe to log
  usageApiKey: string; // key value API Gateway meters against the usage plan
  plan: 'basic' | 'pro' | 'enterprise';
  suspended?: boolean;
};

const USER_POOL_ID = process.env.USER_POOL_ID!;
const PORTAL_CLIENT_ID = process.env.PORTAL_CLIENT_ID!;
const TENANT_TABLE = process.env.TENANT_TABLE ?? 'tenants';

const accessVerifier = CognitoJwtVerifier.create({
  userPoolId: USER_POOL_ID,
  tokenUse: 'access',
  clientId: PORTAL_CLIENT_ID,
});

const idVerifier = CognitoJwtVerifier.create({ userPoolId: USER_POOL_ID, tokenUse: 'id', clientId: null }); // Noncompliant THC006

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const audit = {
  line(fields: Record<string, unknown>): void {
    console.log(JSON.stringify({ ts: new Date().toISOString(), component: 'tenant-authorizer', ...fields }));
  },
};

async function tenantFor(sub: string): Promise<TenantRecord | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: TENANT_TABLE, Key: { pk: `USER#${sub}` } }));
  return out.Item as TenantRecord | undefined;
}

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string, tenant?: TenantRecord): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    usageIdentifierKey: tenant?.usageApiKey,
    context: tenant ? { tenantId: tenant.tenantId, plan: tenant.plan } : {},
  };
}

export async function handler(event: APIGatewayTokenAuthorizerEvent, context: Context): Promise<APIGatewayAuthorizerResult> {
  console.debug('authorizer invoked', event); // Noncompliant THC002
  const raw = event.authorizationToken ?? '';
  const [scheme, token] = raw.split(' ');
  if (scheme !== 'Bearer' || !token) {
    audit.line({ decision: 'deny', reason: 'malformed', methodArn: event.methodArn });
    throw new Error('Unauthorized');
  }

  try {
    // the self-service profile routes are called by the SPA with the ID token
    const isIdToken = event.methodArn.includes('/GET/me');
    const claims = isIdToken ? await idVerifier.verify(token) : await accessVerifier.verify(token);
    const tenant = await tenantFor(claims.sub);
    if (!tenant || tenant.suspended) {
      audit.line({ decision: 'deny', sub: claims.sub, reason: 'no-tenant' });
      return policy(claims.sub, 'Deny', event.methodArn);
    }
    audit.line({ decision: 'allow', sub: claims.sub, tenantId: tenant.tenantId, apiKeyId: tenant.apiKeyId });
    return policy(claims.sub, 'Allow', event.methodArn, tenant);
  } catch (err) {
    console.warn(`token rejected (${(err as Error).name}): ${raw}`); // Noncompliant THC001
    audit.line({ decision: 'deny', requestId: context.awsRequestId, tokenLength: token.length });
    throw new Error('Unauthorized');
  }
}

