const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const ddb = new DynamoDBClient({});

module.exports.createOrder = async (event, context) => {
  console.log('request', JSON.stringify({ id: event.requestContext.requestId, path: event.rawPath, method: event.requestContext.http.method }));
  const { authorization, cookie, ...safeHeaders } = event.headers;
  console.log('non-secret headers', JSON.stringify(safeHeaders));
  const order = JSON.parse(event.body);
  console.log('order', order.id, 'items', order.items.length);
  console.log('source ip', event.requestContext.http.sourceIp);
  await ddb.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { pk: { S: order.id } } }));
  return { statusCode: 201, body: JSON.stringify({ id: order.id }) };
};
