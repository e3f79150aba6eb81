import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';

const logger = new Logger({ serviceName: 'public-api-authorizer' });

const settings = {
  region: process.env.AWS_REGION ?? 'us-east-1',
  keysTable: process.env.API_KEYS_TABLE ?? 'public-api-keys',
  usageTable: process.env.USAGE_TABLE ?? 'public-api-usage',
  userPoolId: process.env.USER_POOL_ID ?? '',
  usageAccessKeyId: process.env.USAGE_WRITER_ACCESS_KEY_ID ?? '',
  usageSecretAccessKey: process.env.USAGE_WRITER_SECRET_ACCESS_KEY ?? '',
};

const keysDb = new DynamoDBClient({ region: settings.region });
const usageDb = new DynamoDBClient({ region: settings.region, credentials: { accessKeyId: settings.usageAccessKeyId, secretAccessKey: settings.usageSecretAccessKey } }); // Noncompliant THC008

const accessTokenVerifier = CognitoJwtVerifier.create({ userPoolId: settings.userPoolId, tokenUse: 'access', clientId: null }); // Noncompliant THC006

type Effect = 'Allow' | 'Deny';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function buildPolicy(principalId: string, effect: Effect, resource: string, context: Record<string, string> = {}): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    context,
  };
}

async function authorizeApiKey(apiKey: string, methodArn: string): Promise<APIGatewayAuthorizerResult> {
  const keyHash = sha256(apiKey);
  const { Item } = await keysDb.send(new GetItemCommand({ TableName: settings.keysTable, Key: { keyHash: { S: keyHash } } }));
  if (!Item || Item.status?.S !== 'active') {
    logger.warn('Unknown or revoked API key', { apiKey }); // Noncompliant THC001
    return buildPolicy('anonymous', 'Deny', methodArn);
  }
  const tenantId = Item.tenantId?.S ?? 'unknown';
  const plan = Item.plan?.S ?? 'free';
  const day = new Date().toISOString().slice(0, 10);
  await usageDb.send(new UpdateItemCommand({
    TableName: settings.usageTable,
    Key: { pk: { S: `${tenantId}#${day}` } },
    UpdateExpression: 'ADD calls :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
  }));
  logger.info('API key authorized', { tenantId, plan, keyHashPrefix: keyHash.slice(0, 12) });
  return buildPolicy(tenantId, 'Allow', methodArn, { tenantId, plan, authType: 'api-key' });
}

async function authorizeBearer(token: string, methodArn: string): Promise<APIGatewayAuthorizerResult> {
  const payload = await accessTokenVerifier.verify(token);
  logger.info('Bearer token authorized', { sub: payload.sub, clientId: payload.client_id, scope: payload.scope });
  return buildPolicy(payload.sub, 'Allow', methodArn, { username: String(payload.username), authType: 'oauth' });
}

const lambdaHandler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const headers = event.headers ?? {};
  const apiKey = headers['x-api-key'];
  const authorization = headers.authorization ?? headers.Authorization;
  try {
    if (apiKey) {
      return await authorizeApiKey(apiKey, event.methodArn);
    }
    if (authorization?.startsWith('Bearer ')) {
      return await authorizeBearer(authorization.slice(7), event.methodArn);
    }
  } catch (err) {
    logger.error('Authorization failed', { error: (err as Error).name, path: event.path });
  }
  return buildPolicy('anonymous', 'Deny', event.methodArn);
};

export const handler = middy(lambdaHandler).use(injectLambdaContext(logger, { logEvent: true })); // Noncompliant THC002
