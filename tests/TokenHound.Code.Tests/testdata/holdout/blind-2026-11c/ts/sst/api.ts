import { ApiHandler, useHeader, useJsonBody } from 'sst/node/api';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { Table } from 'sst/node/table';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand, GetCommand } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const accessVerifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: 'access',
  clientId: process.env.USER_POOL_CLIENT_ID!,
});

const idVerifier = CognitoJwtVerifier.create({ // Noncompliant THC006
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: 'id',
  clientId: null,
});

const partnerVerifier = CognitoJwtVerifier.create({ userPoolId: process.env.PARTNER_POOL_ID!, tokenUse: 'access' }); // Noncompliant THC006

const json = (statusCode: number, body: unknown) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const profile = ApiHandler(async (_evt, ctx) => {
  const authorization = useHeader('authorization');
  if (!authorization) return json(401, { message: 'unauthorized' });
  const payload = await accessVerifier.verify(authorization.replace(/^Bearer /, ''));
  console.log(`profile requested by ${payload.sub} (request ${ctx.awsRequestId})`);
  const { Item } = await db.send(new GetCommand({ TableName: Table.Profiles.tableName, Key: { userId: payload.sub } }));
  return json(200, Item ?? {});
});

export const linkAccount = ApiHandler(async () => {
  const idToken = useHeader('x-id-token');
  const body = useJsonBody() as { provider?: string; externalId?: string };
  if (!idToken || !body?.provider || !body.externalId) return json(400, { message: 'idToken, provider and externalId required' });
  try {
    const claims = await idVerifier.verify(idToken);
    await db.send(new UpdateCommand({
      TableName: Table.Profiles.tableName,
      Key: { userId: claims.sub },
      UpdateExpression: 'SET links.#p = :id',
      ExpressionAttributeNames: { '#p': body.provider },
      ExpressionAttributeValues: { ':id': body.externalId },
    }));
    return json(204, {});
  } catch (e) {
    console.error('link failed for id token', idToken); // Noncompliant THC001
    return json(401, { message: 'invalid token' });
  }
});

export const partnerPing = ApiHandler(async () => {
  const token = useHeader('authorization')?.split(' ')[1];
  if (!token) return json(401, { message: 'unauthorized' });
  const claims = await partnerVerifier.verify(token);
  console.info('partner ping', { clientId: claims.client_id, tokenLength: token.length });
  return json(200, { pong: true });
});
