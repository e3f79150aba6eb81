// Subscription billing API (API Gateway HTTP API v2 -> Lambda), renewal workflow on Step Functions.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { SFNClient, SendTaskSuccessCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

const USER_POOL_ID = process.env.USER_POOL_ID!;
const APP_CLIENT_ID = process.env.APP_CLIENT_ID!;
const RENEWAL_SM_ARN = process.env.RENEWAL_STATE_MACHINE_ARN!;
const SUBSCRIPTIONS_TABLE = process.env.SUBSCRIPTIONS_TABLE!;

const idTokenVerifier = CognitoJwtVerifier.create({ userPoolId: USER_POOL_ID, tokenUse: "id", clientId: null }); // Noncompliant THC006
const accessTokenVerifier = CognitoJwtVerifier.create({ userPoolId: USER_POOL_ID, tokenUse: "access", clientId: APP_CLIENT_ID, scope: "billing/write" });

const sfn = new SFNClient({});
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

type Json = Record<string, unknown>;

const respond = (statusCode: number, body: Json): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

function bearer(event: APIGatewayProxyEventV2): string {
  return (event.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
}

export const renew = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
  console.log("billing request headers", JSON.stringify(event.headers)); // Noncompliant THC002
  console.log("billing request", { requestId: event.requestContext.requestId, route: event.routeKey });
  const token = bearer(event);
  try {
    const claims = await idTokenVerifier.verify(token);
    const { planId } = JSON.parse(event.body ?? "{}") as { planId: string };
    const current = await ddb.send(new GetCommand({ TableName: SUBSCRIPTIONS_TABLE, Key: { customerId: claims.sub } }));
    if (current.Item?.status === "cancelled") return respond(409, { error: "subscription_cancelled" });

    const executionInput = { customerId: claims.sub, email: claims.email, planId, userToken: token };
    const exec = await sfn.send(new StartExecutionCommand({ stateMachineArn: RENEWAL_SM_ARN, name: `renew-${claims.sub}-${Date.now()}`, input: JSON.stringify(executionInput) })); // Noncompliant THC009
    return respond(202, { executionArn: exec.executionArn });
  } catch (e) {
    const err = e as Error;
    return { statusCode: 500, body: JSON.stringify({ message: err.message, stack: err.stack }) }; // Noncompliant THC003
  }
};

export const cancel = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
  try {
    const claims = await accessTokenVerifier.verify(bearer(event));
    await ddb.send(new UpdateCommand({
      TableName: SUBSCRIPTIONS_TABLE,
      Key: { customerId: claims.sub },
      UpdateExpression: "SET #s = :c, cancelledAt = :t",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: { ":c": "cancelled", ":t": new Date().toISOString() },
    }));
    console.info("subscription cancelled", { customerId: claims.sub, requestId: context.awsRequestId });
    return respond(200, { status: "cancelled" });
  } catch (e) {
    console.error("cancel failed", { requestId: context.awsRequestId, name: (e as Error).name });
    return respond(500, { error: "internal_error", correlationId: context.awsRequestId });
  }
};

// Step Functions task (.waitForTaskToken) – finance approves a dunning exception.
export const approveDunningException = async (event: { taskToken: string; invoiceId: string; approved: boolean }) => {
  console.info("dunning decision", { invoiceId: event.invoiceId, approved: event.approved });
  await sfn.send(new SendTaskSuccessCommand({
    taskToken: event.taskToken,
    output: JSON.stringify({ invoiceId: event.invoiceId, approved: event.approved }),
  }));
  return { ok: true };
};
