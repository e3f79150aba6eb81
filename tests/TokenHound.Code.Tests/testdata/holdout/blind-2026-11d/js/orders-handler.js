'use strict';
const { DynamoDBClient, GetItemCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { SSMClient, GetParameterCommand } = require('@aws-sdk/client-ssm');

const ddb = new DynamoDBClient({});
const ssm = new SSMClient({});
const TABLE = process.env.ORDERS_TABLE;

let cachedPartnerKey;

async function loadPartnerKey() {
  if (cachedPartnerKey) return cachedPartnerKey;
  const res = await ssm.send(new GetParameterCommand({ Name: '/orders/partner-key', WithDecryption: true }));
  cachedPartnerKey = res.Parameter.Value;
  console.debug('partner key loaded', cachedPartnerKey); // Noncompliant THC001
  return cachedPartnerKey;
}

function json(statusCode, body) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

async function getOrder(event) {
  const orderId = event.pathParameters && event.pathParameters.orderId;
  console.info('getOrder', { orderId, requestId: event.requestContext.requestId });
  const out = await ddb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: orderId } } }));
  if (!out.Item) return json(404, { message: 'not found' });
  return json(200, { id: orderId, status: out.Item.status.S });
}

async function createOrder(event) {
  const auth = event.headers.authorization || '';
  console.log(`create order auth=${auth}`); // Noncompliant THC001
  console.log('auth header present, length', auth.length);
  const body = JSON.parse(event.body || '{}');
  await ddb.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: body.id }, status: { S: 'NEW' } } }));
  return json(201, { id: body.id });
}

exports.handler = async (event, context) => {
  console.log('incoming event', JSON.stringify(event)); // Noncompliant THC002
  console.log('route', event.routeKey, 'request', context.awsRequestId);
  try {
    await loadPartnerKey();
    if (event.routeKey === 'GET /orders/{orderId}') return await getOrder(event);
    if (event.routeKey === 'POST /orders') return await createOrder(event);
    return json(404, { message: 'no route' });
  } catch (err) {
    console.error('handler failed', err.message);
    return json(500, { message: 'internal error', requestId: context.awsRequestId });
  }
};
