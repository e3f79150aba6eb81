'use strict';

const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand, QueryCommand } = require('@aws-sdk/lib-dynamodb');
const { randomUUID } = require('crypto');
const util = require('util');

const TABLE = process.env.ORDERS_TABLE;

class ValidationError extends Error {}

function encodeCursor(key) {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

function decodeCursor(token) {
  return token ? JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) : undefined;
}

class OrderHandler {
  constructor(client = DynamoDBDocumentClient.from(new DynamoDBClient({}))) {
    this.client = client;
    this.handle = this.handle.bind(this);
  }

  parse(event) {
    if (!event.body) throw new ValidationError('body required');
    const payload = JSON.parse(event.body);
    if (!payload.sku || !Number.isInteger(payload.quantity) || payload.quantity < 1) {
      throw new ValidationError('sku and a positive integer quantity are required');
    }
    return payload;
  }

  async listOrders(customerId, nextToken) {
    const out = await this.client.send(new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'customerId = :c',
      ExpressionAttributeValues: { ':c': customerId },
      Limit: 25,
      ExclusiveStartKey: decodeCursor(nextToken),
    }));
    return { items: out.Items || [], nextToken: encodeCursor(out.LastEvaluatedKey) };
  }

  async createOrder(customerId, payload) {
    const order = { customerId, orderId: randomUUID(), sku: payload.sku, quantity: payload.quantity, createdAt: Date.now() };
    await this.client.send(new PutCommand({ TableName: TABLE, Item: order }));
    return order;
  }

  async handle(event, context) {
    console.log('incoming event', JSON.stringify(event)); // Noncompliant THC002
    const { requestId } = event.requestContext || {};
    console.info(util.format('processing request %s in %s', requestId, context.functionName));
    const cookie = event.headers?.Cookie;
    if (cookie) {
      console.debug(util.format('caller cookie: %s', cookie)); // Noncompliant THC001
    }
    try {
      const customerId = event.pathParameters?.customerId;
      if (!customerId) throw new ValidationError('customerId path parameter missing');
      if (event.httpMethod === 'GET') {
        const page = await this.listOrders(customerId, event.queryStringParameters?.nextToken);
        console.log('returning %d orders, nextToken=%s', page.items.length, page.nextToken);
        return { statusCode: 200, body: JSON.stringify(page) };
      }
      const order = await this.createOrder(customerId, this.parse(event));
      return { statusCode: 201, body: JSON.stringify(order) };
    } catch (err) {
      if (err instanceof ValidationError) {
        return { statusCode: 400, body: JSON.stringify({ message: err.message }) };
      }
      console.error('order handler failed', requestId, err.stack);
      return {
        statusCode: 500,
        body: JSON.stringify({ message: 'internal error', stack: err.stack }), // Noncompliant THC003
      };
    }
  }
}

module.exports.OrderHandler = OrderHandler;
module.exports.handler = new OrderHandler().handle;
