import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

// Archives clickstream batches to our bucket and mirrors them to the analytics vendor's bucket.
const archive = new S3Client({});
const vendorS3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAZ7FAKEQ4MNX2RT5W', secretAccessKey: 'wJalrFAKEuTnFEMI7K7MDENGbPxRfiCYFAKEKEY' } }); // Noncompliant THC008
const sts = new STSClient({});
const events = new EventBridgeClient({});

interface ClickRecord {
  sessionId?: string;
  userId?: string;
  page: string;
  ts: number;
  sessionToken?: string;
}

function decode(data: string): ClickRecord {
  return JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as ClickRecord;
}

export const handler = async (event: KinesisStreamEvent, context: Context): Promise<KinesisStreamBatchResponse> => {
  console.log(JSON.stringify(event, null, 2)); // Noncompliant THC002
  const failures: { itemIdentifier: string }[] = [];
  const lines: string[] = [];

  for (const record of event.Records) {
    try {
      const click = decode(record.kinesis.data);
      if (!click.sessionId) {
        console.warn('record without session id', { sequenceNumber: record.kinesis.sequenceNumber, token: click.sessionToken }); // Noncompliant THC001
        continue;
      }
      const { sessionToken, ...safe } = click;
      lines.push(JSON.stringify({ ...safe, hasSession: Boolean(sessionToken) }));
    } catch (err) {
      console.error('undecodable record', record.kinesis.sequenceNumber, (err as Error).message);
      failures.push({ itemIdentifier: record.kinesis.sequenceNumber });
    }
  }

  if (lines.length === 0) {
    return { batchItemFailures: failures };
  }

  const key = `clicks/${new Date().toISOString().slice(0, 10)}/${context.awsRequestId}.jsonl`;
  const body = lines.join('\n');
  await archive.send(new PutObjectCommand({ Bucket: process.env.ARCHIVE_BUCKET, Key: key, Body: body }));
  await vendorS3.send(new PutObjectCommand({ Bucket: process.env.VENDOR_BUCKET, Key: key, Body: body }));

  const role = await sts.send(
    new AssumeRoleCommand({ RoleArn: process.env.ANALYTICS_ROLE_ARN ?? '', RoleSessionName: `clicks-${context.awsRequestId}`, DurationSeconds: 900 }),
  );
  const detail = { bucket: process.env.ARCHIVE_BUCKET, key, count: lines.length, credentials: role.Credentials };
  await events.send(new PutEventsCommand({ Entries: [{ Source: 'clickstream.archiver', DetailType: 'ClickBatchArchived', Detail: JSON.stringify(detail) }] })); // Noncompliant THC009

  console.log('archived batch', { key, count: lines.length, failed: failures.length });
  return { batchItemFailures: failures };
};
