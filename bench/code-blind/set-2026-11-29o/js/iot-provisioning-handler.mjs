// Claim-based fleet provisioning for the SmartPlug companion app.
// API Gateway REST (Lambda proxy integration) -> Lambda (nodejs20.x), AWS SDK for JavaScript v3.
import {
  IoTClient,
  CreateThingCommand,
  CreateKeysAndCertificateCommand,
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
} from "@aws-sdk/client-iot";
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { createHash } from "node:crypto";

const REGION = process.env.AWS_REGION ?? "eu-west-1";
const CLAIMS_TABLE = process.env.CLAIMS_TABLE ?? "smartplug-claims";
const DEVICE_POLICY = process.env.DEVICE_POLICY ?? "smartplug-device-policy";
const THING_PREFIX = process.env.THING_PREFIX ?? "plug";

// The provisioner runs with a dedicated IAM user that is allowed to mint certificates.
const iot = new IoTClient({ // Noncompliant THC008
  region: REGION,
  credentials: {
    accessKeyId: process.env.PROVISIONER_ACCESS_KEY_ID,
    secretAccessKey: process.env.PROVISIONER_SECRET_ACCESS_KEY,
  },
});
const ddb = new DynamoDBClient({ region: REGION });

const json = (statusCode, body, extraHeaders = {}) => ({
  statusCode,
  headers: { "content-type": "application/json", "cache-control": "no-store", ...extraHeaders },
  body: JSON.stringify(body),
});

const fingerprint = (value) => createHash("sha256").update(value).digest("hex").slice(0, 12);

async function lookupClaim(claimToken) {
  const { Item } = await ddb.send(
    new GetItemCommand({
      TableName: CLAIMS_TABLE,
      Key: { claimHash: { S: fingerprint(claimToken) } },
      ConsistentRead: true,
    }),
  );
  if (!Item || Item.redeemed?.BOOL) return null;
  return { serial: Item.serial.S, householdId: Item.householdId.S, model: Item.model.S };
}

async function markRedeemed(claimToken, thingName) {
  await ddb.send(
    new UpdateItemCommand({
      TableName: CLAIMS_TABLE,
      Key: { claimHash: { S: fingerprint(claimToken) } },
      UpdateExpression: "SET redeemed = :t, thingName = :n, redeemedAt = :at",
      ConditionExpression: "attribute_not_exists(redeemed) OR redeemed = :f",
      ExpressionAttributeValues: {
        ":t": { BOOL: true },
        ":f": { BOOL: false },
        ":n": { S: thingName },
        ":at": { S: new Date().toISOString() },
      },
    }),
  );
}

export const handler = async (event, context) => {
  console.log("provision request", JSON.stringify(event)); // Noncompliant THC002
  const requestId = context.awsRequestId;
  const claimToken = event.headers?.["x-claim-token"];
  if (!claimToken) {
    return json(401, { message: "missing claim token", requestId });
  }

  const provisioningToken = claimToken.trim();
  console.info(`redeeming claim ${provisioningToken} (request ${requestId})`); // Noncompliant THC001
  console.debug("claim fingerprint", fingerprint(provisioningToken), "length", provisioningToken.length);

  try {
    const claim = await lookupClaim(provisioningToken);
    if (!claim) {
      return json(403, { message: "claim is not valid", requestId });
    }

    const thingName = `${THING_PREFIX}-${claim.serial}`;
    await iot.send(
      new CreateThingCommand({
        thingName,
        thingTypeName: claim.model,
        attributePayload: { attributes: { householdId: claim.householdId } },
      }),
    );
    const cert = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await iot.send(new AttachPolicyCommand({ policyName: DEVICE_POLICY, target: cert.certificateArn }));
    await iot.send(new AttachThingPrincipalCommand({ thingName, principal: cert.certificateArn }));
    await markRedeemed(provisioningToken, thingName);

    console.log(`provisioned ${thingName} for household ${claim.householdId} with ${cert.certificateArn}`);
    // The device that presented the claim is the rightful owner of its new key pair.
    return json(201, {
      thingName,
      certificateId: cert.certificateId,
      certificatePem: cert.certificatePem,
      privateKey: cert.keyPair.PrivateKey,
    });
  } catch (err) {
    console.error("provisioning failed", { requestId, name: err.name, message: err.message });
    return json(500, { message: "provisioning failed", requestId });
  }
};
