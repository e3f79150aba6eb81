// Profile API (API Gateway REST, Node.js 20): every route answers through one helper, with generic errors.
const { DynamoDBClient, GetItemCommand } = require("@aws-sdk/client-dynamodb");

const ddb = new DynamoDBClient({});

const respond = (statusCode, body) => ({
  statusCode,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

exports.getProfile = async (event, context) => {
  const auth = event.headers.Authorization;
  if (!auth || !auth.startsWith("Bearer ")) {
    return respond(401, { error: "missing or malformed token", requestId: context.awsRequestId });
  }
  try {
    const item = await ddb.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { pk: { S: event.pathParameters.id } } }));
    return respond(200, { profile: item.Item });
  } catch (err) {
    console.error("get profile failed", err);
    return respond(500, { error: "internal error", requestId: context.awsRequestId });
  }
};
