'use strict';

const Hapi = require('@hapi/hapi');
const Joi = require('joi');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, QueryCommand } = require('@aws-sdk/lib-dynamodb');

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));
const TABLE = process.env.ORDERS_TABLE || 'orders';

function toOrderDto(item) {
  return {
    id: item.pk.replace('ORDER#', ''),
    total: Number(item.total).toFixed(2),
    currency: item.currency || 'EUR',
    createdAt: new Date(item.createdAt).toISOString(),
  };
}

function sumTotals(items) {
  return items.reduce((acc, it) => acc + Number(it.total || 0), 0);
}

async function getOrder(request, h) {
  const { id } = request.params;
  try {
    const { Item } = await ddb.send(new GetCommand({ TableName: TABLE, Key: { pk: `ORDER#${id}` } }));
    if (!Item) {
      return h.response({ message: 'not found' }).code(404);
    }
    return h.response(toOrderDto(Item));
  } catch (err) {
    request.logger.error({ err, id }, 'getOrder failed');
    return h.response({ message: 'internal error', trace: err.stack }).code(500); // Noncompliant THC003
  }
}

async function listOrders(request, h) {
  console.log('listOrders headers', request.headers); // Noncompliant THC002
  const token = request.headers['x-api-key'];
  console.log(`api key length=${token ? token.length : 0}`);
  const { Items = [] } = await ddb.send(new QueryCommand({
    TableName: TABLE,
    KeyConditionExpression: 'gsi1pk = :c',
    ExpressionAttributeValues: { ':c': `CUSTOMER#${request.query.customer}` },
  }));
  return h.response({ items: Items.map(toOrderDto), total: sumTotals(Items) });
}

async function healthcheck(request, h) {
  console.log('health check', request.info.id, request.path);
  return h.response({ ok: true });
}

async function init() {
  const server = Hapi.server({ port: process.env.PORT || 3000, host: '0.0.0.0' });
  server.route([
    { method: 'GET', path: '/orders/{id}', handler: getOrder, options: { validate: { params: Joi.object({ id: Joi.string().uuid() }) } } },
    { method: 'GET', path: '/orders', handler: listOrders },
    { method: 'GET', path: '/health', handler: healthcheck },
  ]);
  await server.start();
  return server;
}

module.exports = { init, toOrderDto, sumTotals };
