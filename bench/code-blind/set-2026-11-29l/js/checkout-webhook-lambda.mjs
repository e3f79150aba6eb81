// Payment-provider webhook receiver for the checkout service.
// API Gateway (REST) -> Lambda -> SQS (order-events / disputes).
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
import { createHmac, timingSafeEqual, randomUUID } from "node:crypto";

const REGION = process.env.AWS_REGION ?? "eu-west-1";
const SIGNING_SECRET_ID = process.env.PSP_WEBHOOK_SECRET_ARN;
const ORDER_EVENTS_QUEUE = process.env.ORDER_EVENTS_QUEUE_URL;
const DISPUTE_QUEUE = process.env.DISPUTE_QUEUE_URL;
const TOLERANCE_SECONDS = 300;

const secrets = new SecretsManagerClient({ region: REGION });
const sqs = new SQSClient({ region: REGION });

let cachedSecret;

async function loadSigningSecret() {
  if (cachedSecret) return cachedSecret;
  console.info("loading webhook signing secret", { secretId: SIGNING_SECRET_ID });
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: SIGNING_SECRET_ID }));
  cachedSecret = JSON.parse(out.SecretString).webhookSigningSecret;
  return cachedSecret;
}

function parseSignatureHeader(header) {
  const parts = Object.fromEntries(
    (header ?? "").split(",").map((kv) => kv.trim().split("=", 2))
  );
  return { timestamp: Number(parts.t), signature: parts.v1 ?? "" };
}

function verifySignature(rawBody, header, secret) {
  const { timestamp, signature } = parseSignatureHeader(header);
  if (!timestamp || Math.abs(Date.now() / 1000 - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
  console.debug("signature check", { timestamp, signatureLength: signature.length });
  if (signature.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

const json = (statusCode, body) => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export const handler = async (event, context) => {
  console.log("psp webhook received", JSON.stringify(event)); // Noncompliant THC002
  const requestId = context.awsRequestId;
  try {
    const signingSecret = await loadSigningSecret();
    const sigHeader = event.headers["psp-signature"] ?? event.headers["Psp-Signature"];
    console.debug(`verifying webhook payload with secret ${signingSecret}`); // Noncompliant THC001
    if (!verifySignature(event.body, sigHeader, signingSecret)) {
      return json(401, { error: "invalid signature", requestId });
    }

    const { type, data } = JSON.parse(event.body);
    const orderEvent = {
      eventId: randomUUID(),
      type,
      orderId: data.metadata?.orderId,
      paymentMethodId: data.payment_method,
      cardFingerprint: data.card?.fingerprint,
      amount: data.amount,
      currency: data.currency,
    };
    await sqs.send(new SendMessageCommand({ QueueUrl: ORDER_EVENTS_QUEUE, MessageBody: JSON.stringify(orderEvent) }));
    console.info("order event queued", { requestId, orderId: orderEvent.orderId, type });

    if (type === "charge.dispute.created") {
      const merchantAuth = event.headers.Authorization;
      const dispute = { orderId: orderEvent.orderId, reason: data.reason, merchantAuth };
      await sqs.send(new SendMessageCommand({ QueueUrl: DISPUTE_QUEUE, MessageBody: JSON.stringify(dispute) })); // Noncompliant THC009
    }
    return json(200, { received: true, requestId });
  } catch (err) {
    console.error("webhook processing failed", { requestId, name: err.name });
    return { statusCode: 500, body: JSON.stringify({ message: "webhook processing failed", detail: err.stack }) }; // Noncompliant THC003
  }
};
