// Smart-meter interval data ingestion: Kinesis -> validate -> S3 raw zone + SQS billing queue.
// Lambda (nodejs20.x), AWS SDK v3, pino logger.
import pino from 'pino';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const REGION = process.env.AWS_REGION ?? 'eu-west-1';
const RAW_BUCKET = process.env.RAW_BUCKET ?? 'meter-raw-zone';
const BILLING_QUEUE_URL = process.env.BILLING_QUEUE_URL;
const HEAD_END_SECRET_ID = process.env.HEAD_END_SECRET_ID ?? 'prod/head-end/api';
const ARCHIVE_ROLE_ARN = process.env.ARCHIVE_ROLE_ARN;

const rawS3 = new S3Client({ // Noncompliant THC008
  region: REGION,
  credentials: { accessKeyId: 'AKIAZ7FAKEQ3M5N7P2XR', secretAccessKey: 'FAKEmeterRawZoneSecret0000000000000000' },
});
const archiveS3 = new S3Client({
  region: REGION,
  credentials: fromTemporaryCredentials({ params: { RoleArn: ARCHIVE_ROLE_ARN, RoleSessionName: 'meter-archive' } }),
});
const sqs = new SQSClient({ region: REGION });
const secrets = new SecretsManagerClient({ region: REGION });

let headEnd;

async function headEndConfig() {
  if (headEnd) return headEnd;
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: HEAD_END_SECRET_ID }));
  const parsed = JSON.parse(out.SecretString);
  logger.info({ secretId: HEAD_END_SECRET_ID, versionId: out.VersionId }, 'head-end secret loaded');
  logger.debug(`head-end credentials: ${out.SecretString}`); // Noncompliant THC001
  headEnd = { apiKey: parsed.apiKey, endpoint: parsed.endpoint };
  return headEnd;
}

const decode = (record) => JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));

function validReading(r) {
  return typeof r.meterId === 'string' && Number.isFinite(r.kwh) && r.kwh >= 0 && r.intervalStart;
}

export const handler = async (event) => {
  logger.info(JSON.stringify(event)); // Noncompliant THC002
  const { apiKey, endpoint } = await headEndConfig();
  const accepted = [];
  const rejected = [];

  for (const record of event.Records) {
    const reading = decode(record);
    (validReading(reading) ? accepted : rejected).push(reading);
  }
  logger.info({ accepted: accepted.length, rejected: rejected.length }, 'batch validated');

  const day = new Date().toISOString().slice(0, 10);
  const key = `interval/${day}/${event.Records[0].eventID}.json`;
  await rawS3.send(new PutObjectCommand({ Bucket: RAW_BUCKET, Key: key, Body: JSON.stringify(accepted) }));
  await archiveS3.send(new PutObjectCommand({ Bucket: `${RAW_BUCKET}-archive`, Key: key, Body: JSON.stringify(rejected) }));

  const meterIds = [...new Set(accepted.map((r) => r.meterId))];
  await sqs.send(new SendMessageCommand({
    QueueUrl: BILLING_QUEUE_URL,
    MessageBody: JSON.stringify({ s3Key: key, meterIds, readingCount: accepted.length }),
  }));

  if (rejected.length > 0) {
    const retryBody = { endpoint, headEndApiKey: apiKey, meterIds: rejected.map((r) => r.meterId) };
    await sqs.send(new SendMessageCommand({ QueueUrl: `${BILLING_QUEUE_URL}-reread`, MessageBody: JSON.stringify(retryBody) })); // Noncompliant THC009
    logger.warn({ meters: rejected.length }, 'requested re-read from head-end');
  }

  return { batchItemFailures: [] };
};
