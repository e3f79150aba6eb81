'use strict';

const { S3Client, ListObjectsV2Command } = require('@aws-sdk/client-s3');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');

// Partner bucket lives in a legacy account without cross-account roles.
const partnerS3 = new S3Client({ // Noncompliant THC008
  region: 'eu-west-1',
  credentials: {
    accessKeyId: 'AKIAZ7FAKEKEY2345X7Q',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123',
  },
});

partnerS3.middlewareStack.add(
  (next, context) => async (args) => {
    const started = Date.now();
    const result = await next(args);
    console.log(`${context.commandName} took ${Date.now() - started}ms`);
    return result;
  },
  { step: 'finalizeRequest', name: 'timingMiddleware' },
);

const sqs = new SQSClient({});
const secrets = new SecretsManagerClient({ maxAttempts: 4 });

async function* listAllKeys(bucket, prefix) {
  let ContinuationToken;
  do {
    const page = await partnerS3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
    for (const obj of page.Contents || []) yield obj.Key;
    ContinuationToken = page.NextContinuationToken;
    console.debug('next continuation token', ContinuationToken);
  } while (ContinuationToken);
}

async function partnerCredentials() {
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.PARTNER_SECRET_ARN }));
  const parsed = JSON.parse(out.SecretString);
  if (!parsed.apiKey) throw new Error('partner secret has no apiKey');
  return parsed;
}

exports.handler = async (event) => {
  if (!event.bucket) throw new Error('bucket is required');
  const creds = await partnerCredentials();
  let count = 0;
  for await (const key of listAllKeys(event.bucket, event.prefix || '')) {
    const body = JSON.stringify({ key, partnerApiKey: creds.apiKey });
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SYNC_QUEUE_URL, MessageBody: body })); // Noncompliant THC009
    count += 1;
  }
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.AUDIT_QUEUE_URL, MessageBody: JSON.stringify({ bucket: event.bucket, count }) }));
  console.log('queued %d keys (api key length %d)', count, creds.apiKey.length);
  return { queued: count };
};
