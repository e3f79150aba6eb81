const AWS = require("aws-sdk");
const winston = require("winston");

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || "info",
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const archiveS3 = new AWS.S3({ // Noncompliant THC008
  region: "eu-west-1",
  accessKeyId: "AKIAZ7FAKEQ2W3E4R5T6",
  secretAccessKey: "FAKEsecretFAKEsecretFAKEsecretFAKEsecret",
});
const s3 = new AWS.S3({ region: process.env.AWS_REGION });
const secrets = new AWS.SecretsManager();
const lambda = new AWS.Lambda();

let partnerCreds;

async function getPartnerCreds() {
  if (partnerCreds) return partnerCreds;
  const out = await secrets.getSecretValue({ SecretId: process.env.PARTNER_SECRET_ARN }).promise();
  partnerCreds = JSON.parse(out.SecretString);
  logger.info("loaded partner secret", { secretId: process.env.PARTNER_SECRET_ARN, version: out.VersionId });
  logger.debug("partner credentials", partnerCreds); // Noncompliant THC001
  return partnerCreds;
}

exports.handler = async (event) => {
  const creds = await getPartnerCreds();
  const results = [];

  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    logger.info("archiving object", { bucket, key, size: record.s3.object.size });

    const obj = await s3.getObject({ Bucket: bucket, Key: key }).promise();
    await archiveS3.putObject({
      Bucket: process.env.ARCHIVE_BUCKET,
      Key: `${new Date().toISOString().slice(0, 10)}/${key}`,
      Body: obj.Body,
      ServerSideEncryption: "AES256",
    }).promise();

    await lambda.invoke({ // Noncompliant THC009
      FunctionName: process.env.NOTIFY_FUNCTION,
      InvocationType: "Event",
      Payload: JSON.stringify({ bucket, key, partner: creds.partnerId, apiKey: creds.apiKey }),
    }).promise();

    await lambda.invoke({
      FunctionName: process.env.INDEX_FUNCTION,
      InvocationType: "Event",
      Payload: JSON.stringify({ bucket, key, etag: obj.ETag, partner: creds.partnerId }),
    }).promise();

    results.push(key);
  }

  logger.info("archive run complete", { count: results.length });
  return { archived: results.length };
};
