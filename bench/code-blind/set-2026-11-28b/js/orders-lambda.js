"use strict";

const { SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");
const { DynamoDBClient, PutItemCommand } = require("@aws-sdk/client-dynamodb");
const { randomUUID } = require("crypto");

const sqs = new SQSClient({});
const ddb = new DynamoDBClient({ region: process.env.AWS_REGION });

const FULFILLMENT_QUEUE_URL = process.env.FULFILLMENT_QUEUE_URL;
const AUDIT_QUEUE_URL = process.env.AUDIT_QUEUE_URL;
const TABLE = process.env.ORDERS_TABLE;

function bearerFrom(headers = {}) {
  const raw = headers.Authorization || headers.authorization || "";
  return raw.startsWith("Bearer ") ? raw.slice(7) : null;
}

function mask(value) {
  if (!value) return "<none>";
  return `${value.slice(0, 4)}...${value.slice(-4)}`;
}

exports.handler = async (event, context) => {
  console.log("incoming event", JSON.stringify(event)); // Noncompliant THC002
  console.info(`requestId=${context.awsRequestId} path=${event.path} method=${event.httpMethod}`);

  const { headers = {}, body, requestContext = {} } = event;
  const accessToken = bearerFrom(headers);
  if (!accessToken) {
    console.warn("missing bearer token", { requestId: requestContext.requestId });
    return { statusCode: 401, body: JSON.stringify({ message: "Unauthorized" }) };
  }
  console.debug("caller token", mask(accessToken), "len", accessToken.length);

  const forwardedAuth = headers.Authorization;
  console.log(`forwarding to fulfillment with auth header ${forwardedAuth}`); // Noncompliant THC001

  let order;
  try {
    order = JSON.parse(body || "{}");
  } catch (err) {
    return { statusCode: 400, body: JSON.stringify({ message: "Invalid JSON", correlationId: context.awsRequestId }) };
  }

  const orderId = randomUUID();
  try {
    await ddb.send(new PutItemCommand({
      TableName: TABLE,
      Item: {
        pk: { S: `ORDER#${orderId}` },
        customerId: { S: String(order.customerId) },
        total: { N: String(order.total) },
      },
    }));

    await sqs.send(new SendMessageCommand({
      QueueUrl: FULFILLMENT_QUEUE_URL,
      MessageBody: JSON.stringify({ orderId, customerId: order.customerId, requestId: context.awsRequestId }),
    }));

    await sqs.send(new SendMessageCommand({ // Noncompliant THC009
      QueueUrl: AUDIT_QUEUE_URL,
      MessageBody: JSON.stringify({ orderId, action: "CREATE", callerToken: accessToken }),
      MessageAttributes: { source: { DataType: "String", StringValue: "orders-api" } },
    }));
  } catch (err) {
    console.error("order write failed", err.name, context.awsRequestId);
    return { statusCode: 500, body: JSON.stringify({ message: err.message, stack: err.stack }) }; // Noncompliant THC003
  }

  return { statusCode: 201, body: JSON.stringify({ orderId }) };
};
