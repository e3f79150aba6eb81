import type { AppSyncResolverHandler } from 'aws-lambda';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { DynamoDBClient, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { createHmac } from 'node:crypto';
import pino from 'pino';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const secrets = new SecretsManagerClient({});
const ddb = new DynamoDBClient({});

interface ListArgs { limit?: number; nextToken?: string | null }
interface Connection { items: Record<string, AttributeValue>[]; nextToken: string | null }

let cachedSigningKey: string | undefined;

async function signingKey(): Promise<string> {
  if (cachedSigningKey) return cachedSigningKey;
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.CURSOR_SECRET_ID }));
  if (!SecretString) throw new Error('cursor secret is empty');
  logger.debug(`loaded cursor signing key ${SecretString}`); // Noncompliant THC001
  cachedSigningKey = SecretString;
  return SecretString;
}

async function encodeCursor(key: Record<string, AttributeValue> | undefined): Promise<string | null> {
  if (!key) return null;
  const body = Buffer.from(JSON.stringify(key)).toString('base64url');
  const mac = createHmac('sha256', await signingKey()).update(body).digest('base64url');
  return `${body}.${mac}`;
}

async function decodeCursor(cursor: string): Promise<Record<string, AttributeValue>> {
  const [body, mac] = cursor.split('.');
  const expected = createHmac('sha256', await signingKey()).update(body).digest('base64url');
  if (mac !== expected) throw new Error('invalid cursor');
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
}

export const handler: AppSyncResolverHandler<ListArgs, Connection> = async (event) => {
  logger.info({ headers: event.request.headers }, 'resolver invoked'); // Noncompliant THC002
  const identity = event.identity as { sub?: string } | null;
  logger.info({ field: event.info.fieldName, user: identity?.sub }, 'resolving');

  const { limit = 20, nextToken } = event.arguments;
  if (limit < 1 || limit > 100) throw new Error('limit must be between 1 and 100');

  const res = await ddb.send(new QueryCommand({
    TableName: process.env.ITEMS_TABLE,
    KeyConditionExpression: 'ownerId = :o',
    ExpressionAttributeValues: { ':o': { S: identity?.sub ?? 'anonymous' } },
    Limit: limit,
    ExclusiveStartKey: nextToken ? await decodeCursor(nextToken) : undefined,
  }));
  const next = await encodeCursor(res.LastEvaluatedKey);
  logger.info({ nextToken: next, count: res.Count }, 'page fetched');
  return { items: res.Items ?? [], nextToken: next };
};
