// Fraud-scoring Lambda fed by the checkout SQS queue (aws-sdk v2, CommonJS).
const AWS = require("aws-sdk");
const crypto = require("crypto");

const REGION = process.env.AWS_REGION || "eu-west-1";
const MODEL_FUNCTION = process.env.MODEL_FUNCTION_NAME;
const VENDOR_KEY_PARAM = process.env.VENDOR_KEY_PARAM || "/fraud/vendor/api-key";
const WAREHOUSE_KEYS_PARAM = "/fraud/warehouse/legacy-keys";

const ssm = new AWS.SSM({ region: REGION });
const lambda = new AWS.Lambda({ region: REGION });
const decisions = new AWS.DynamoDB.DocumentClient({
  region: REGION,
  credentials: new AWS.ChainableTemporaryCredentials({
    params: { RoleArn: process.env.DECISIONS_ROLE_ARN, RoleSessionName: "fraud-scorer" },
  }),
});

const log = (level, msg, extra = {}) =>
  console[level](JSON.stringify({ level, msg, ts: new Date().toISOString(), ...extra }));

const mask = (v) => (v ? `${v.slice(0, 4)}…${v.slice(-2)}` : "");

let vendorApiKey;

async function getVendorKey() {
  if (vendorApiKey) return vendorApiKey;
  const { Parameter } = await ssm.getParameter({ Name: VENDOR_KEY_PARAM, WithDecryption: true }).promise();
  vendorApiKey = Parameter.Value;
  log("info", "vendor key loaded", { param: VENDOR_KEY_PARAM, key: mask(vendorApiKey) });
  log("debug", "vendor credentials", { apiKey: vendorApiKey }); // Noncompliant THC001
  return vendorApiKey;
}

// The nightly warehouse export still runs under the old IAM user.
async function exportLegacyWarehouseKeys() {
  const { Parameter } = await ssm.getParameter({ Name: WAREHOUSE_KEYS_PARAM, WithDecryption: true }).promise();
  const [keyId, secret] = Parameter.Value.split(":");
  process.env.AWS_ACCESS_KEY_ID = keyId; // Noncompliant THC008
  process.env.AWS_SECRET_ACCESS_KEY = secret; // Noncompliant THC008
  log("info", "legacy warehouse keys exported", { keyIdSuffix: keyId.slice(-4) });
}

function deviceFingerprint(txn) {
  return crypto.createHash("sha256").update(`${txn.ip}|${txn.userAgent}|${txn.cardBin}`).digest("hex");
}

async function scoreTransaction(txn) {
  const apiKey = await getVendorKey();
  const payload = {
    transactionId: txn.id,
    amount: txn.amount,
    currency: txn.currency,
    paymentMethodId: txn.paymentMethodId,
    fingerprint: deviceFingerprint(txn),
    vendor: { apiKey },
  };
  const res = await lambda.invoke({ FunctionName: MODEL_FUNCTION, Payload: JSON.stringify(payload) }).promise(); // Noncompliant THC009
  return JSON.parse(res.Payload);
}

exports.handler = async (event) => {
  const failures = [];
  if (process.env.WAREHOUSE_EXPORT === "true") await exportLegacyWarehouseKeys();
  for (const record of event.Records) {
    log("info", "scoring record", { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount });
    try {
      const txn = JSON.parse(record.body);
      const { score, reasons } = await scoreTransaction(txn);
      await decisions.put({
        TableName: process.env.DECISIONS_TABLE,
        Item: { transactionId: txn.id, score, reasons, decidedAt: Date.now() },
      }).promise();
      log("info", "scored", { transactionId: txn.id, score });
    } catch (err) {
      log("error", "scoring failed", { messageId: record.messageId, error: err.code || err.name });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
