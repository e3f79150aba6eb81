const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const ddb = new DynamoDBClient({});

module.exports.createOrder = async (event, context) => {
  console.log('EVENT', JSON.stringify(event, null, 2)); // Noncompliant
  console.log('headers:', event.headers); // Noncompliant
  console.log('request id', event.requestContext.requestId, 'route', event.routeKey);
  const order = JSON.parse(event.body);
  console.log('order', order.id, order.items.length);
  await ddb.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { pk: { S: order.id } } }));
  return { statusCode: 201, body: JSON.stringify({ id: order.id }) };
};

module.exports.debug = async (event) => {
  console.debug(event); // Noncompliant
  return { statusCode: 204 };
};
