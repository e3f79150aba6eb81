// Patient portal: API Gateway REST (proxy integration) handler that exchanges a
// portal session for a HealthLake-scoped token and loads the patient summary.
import { LambdaClient, InvokeCommand } from "@aws-sdk/client-lambda";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { createHash, randomUUID } from "node:crypto";

const REGION = process.env.AWS_REGION ?? "us-east-1";
const SUMMARY_FN = process.env.SUMMARY_FUNCTION_NAME ?? "patient-summary-builder";
const SESSIONS_TABLE = process.env.SESSIONS_TABLE ?? "portal-sessions";

// Default credential chain (execution role).
const lambda = new LambdaClient({ region: REGION });
const ddb = new DynamoDBClient({ region: REGION });

const JSON_HEADERS = { "Content-Type": "application/json" };

const json = (statusCode, payload, extraHeaders = {}) => ({
  statusCode,
  headers: { ...JSON_HEADERS, ...extraHeaders },
  body: JSON.stringify(payload),
});

function bearerFrom(headers = {}) {
  const raw = headers.Authorization ?? headers.authorization ?? "";
  return raw.startsWith("Bearer ") ? raw.slice(7) : null;
}

function fingerprint(value) {
  return createHash("sha256").update(value).digest("hex").slice(0, 12);
}

async function loadSession(sessionId) {
  const res = await ddb.send(
    new GetItemCommand({
      TableName: SESSIONS_TABLE,
      Key: { sessionId: { S: sessionId } },
    })
  );
  return res.Item ? { patientId: res.Item.patientId.S, scope: res.Item.scope.S } : null;
}

export const handler = async (event, context) => {
  const correlationId = event.requestContext?.requestId ?? randomUUID();
  console.log("portal request", JSON.stringify(event)); // Noncompliant THC002

  const token = bearerFrom(event.headers);
  if (!token) {
    return json(401, { message: "Unauthorized", correlationId });
  }
  console.info(`token fingerprint=${fingerprint(token)} length=${token.length}`);

  const sessionId = event.pathParameters?.sessionId;
  let session;
  try {
    session = await loadSession(sessionId);
  } catch (err) {
    console.error("session lookup failed", { correlationId, code: err.name });
    return json(500, { message: "Internal error", correlationId });
  }
  if (!session) {
    const presented = token;
    console.warn(`no session ${sessionId} for bearer ${presented}`); // Noncompliant THC001
    return json(403, { message: "Forbidden", correlationId });
  }

  console.log("loading summary", { patientId: session.patientId, correlationId });

  try {
    const payload = {
      patientId: session.patientId,
      scope: session.scope,
      accessToken: token,
      correlationId,
    };
    const invoke = new InvokeCommand({ FunctionName: SUMMARY_FN, Payload: Buffer.from(JSON.stringify(payload)) }); // Noncompliant THC009
    const out = await lambda.send(invoke);
    const summary = JSON.parse(Buffer.from(out.Payload).toString("utf8"));
    return json(200, summary, { "Cache-Control": "no-store" });
  } catch (err) {
    return { statusCode: 502, headers: JSON_HEADERS, body: JSON.stringify({ message: "Summary builder failed", detail: err.stack }) }; // Noncompliant THC003
  } finally {
    console.log("request complete", { correlationId, remainingMs: context.getRemainingTimeInMillis() });
  }
};
