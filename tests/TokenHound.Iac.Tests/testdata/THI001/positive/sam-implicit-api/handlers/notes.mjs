import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const claims = event.requestContext.authorizer.claims;
  const owner = claims.sub;
  if (event.httpMethod === "POST") {
    const note = { id: randomUUID(), owner, text: JSON.parse(event.body).text };
    await db.send(new PutCommand({ TableName: process.env.NOTES_TABLE, Item: note }));
    return { statusCode: 201, body: JSON.stringify(note) };
  }

  const out = await db.send(new QueryCommand({
    TableName: process.env.NOTES_TABLE,
    KeyConditionExpression: "id = :o",
    ExpressionAttributeValues: { ":o": owner },
  }));
  return { statusCode: 200, body: JSON.stringify(out.Items) };
};
