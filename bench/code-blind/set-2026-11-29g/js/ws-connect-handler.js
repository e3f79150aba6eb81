'use strict';

// API Gateway WebSocket API: $connect / $disconnect / $default routes for the live-scores feed.
const jwt = require('jsonwebtoken');
const { DynamoDBClient, PutItemCommand, DeleteItemCommand } = require('@aws-sdk/client-dynamodb');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

const ddb = new DynamoDBClient({ region: process.env.AWS_REGION });
const sqs = new SQSClient({});

const CONNECTIONS_TABLE = process.env.CONNECTIONS_TABLE;
const INBOUND_QUEUE_URL = process.env.INBOUND_QUEUE_URL;

function tokenFromEvent(event) {
  const qs = event.queryStringParameters || {};
  if (qs.token) return qs.token;
  // browsers cannot set headers on WebSocket upgrades, so some clients smuggle it via the subprotocol
  const proto = (event.headers || {})['Sec-WebSocket-Protocol'];
  return proto ? (proto.split(',')[1] || '').trim() : undefined;
}

async function onConnect(event) {
  const { connectionId, requestId } = event.requestContext;
  console.log('connect event', JSON.stringify(event)); // Noncompliant THC002

  const token = tokenFromEvent(event);
  if (!token) {
    console.info(`no token on connect, requestId=${requestId}`);
    return { statusCode: 401, body: 'Unauthorized' };
  }

  const claims = jwt.decode(token); // Noncompliant THC005
  if (!claims || claims['custom:plan'] !== 'realtime') {
    console.warn(`rejecting connection ${connectionId} with token ${token}`); // Noncompliant THC001
    return { statusCode: 403, body: 'Forbidden' };
  }

  await ddb.send(new PutItemCommand({
    TableName: CONNECTIONS_TABLE,
    Item: {
      connectionId: { S: connectionId },
      userId: { S: claims.sub },
      connectedAt: { N: String(Date.now()) },
    },
  }));
  console.log(`connected ${connectionId} for user ${claims.sub}`);
  return { statusCode: 200, body: 'Connected' };
}

async function onDisconnect(event) {
  const { connectionId, disconnectStatusCode } = event.requestContext;
  console.log('disconnect', { connectionId, disconnectStatusCode });
  await ddb.send(new DeleteItemCommand({
    TableName: CONNECTIONS_TABLE,
    Key: { connectionId: { S: connectionId } },
  }));
  return { statusCode: 200, body: 'Disconnected' };
}

async function onDefault(event) {
  const { connectionId, routeKey } = event.requestContext;
  let message;
  try {
    message = JSON.parse(event.body || '{}');
  } catch (e) {
    console.error('bad frame on', connectionId, e.message);
    return { statusCode: 400, body: 'Malformed message' };
  }

  const accessToken = message.auth && message.auth.accessToken;
  console.debug(`frame on ${connectionId} route=${routeKey} tokenLength=${accessToken ? accessToken.length : 0}`);

  const envelope = {
    connectionId,
    action: message.action,
    payload: message.payload,
    accessToken,
  };
  await sqs.send(new SendMessageCommand({ // Noncompliant THC009
    QueueUrl: INBOUND_QUEUE_URL,
    MessageBody: JSON.stringify(envelope),
    MessageGroupId: connectionId,
  }));
  return { statusCode: 200, body: 'Queued' };
}

exports.handler = async (event) => {
  switch (event.requestContext.routeKey) {
    case '$connect':
      return onConnect(event);
    case '$disconnect':
      return onDisconnect(event);
    default:
      return onDefault(event);
  }
};
