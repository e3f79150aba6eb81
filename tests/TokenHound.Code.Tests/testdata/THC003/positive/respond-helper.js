// Profile API (API Gateway REST, Node.js 20): every route answers through one helper.
const { DynamoDBClient, GetItemCommand } = require("@aws-sdk/client-dynamodb");

const ddb = new DynamoDBClient({});

const respond = (statusCode, body) => ({
  statusCode,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

exports.getProfile = async (event) => {
  const auth = event.headers.Authorization;
  if (!auth || !auth.startsWith("Bearer ")) {
    return respond(401, { error: "missing or malformed token", received: auth }); // Noncompliant
  }
  try {
    const item = await ddb.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { pk: { S: event.pathParameters.id } } }));
    return respond(200, { profile: item.Item });
  } catch (err) {
    return respond(500, { error: err.message, stack: err.stack }); // Noncompliant
  }
};
