import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ScheduledHandler } from 'aws-lambda';

// Cross-account archive bucket still uses the export user's keys (see OPS-412).
const archive = new S3Client({ // Noncompliant THC008
  region: process.env.ARCHIVE_REGION,
  credentials: {
    accessKeyId: process.env.ARCHIVE_ACCESS_KEY_ID!,
    secretAccessKey: process.env.ARCHIVE_SECRET_ACCESS_KEY!,
  },
});

const local = new S3Client({ region: process.env.AWS_REGION });
const ddb = new DynamoDBClient({ maxAttempts: 5 });

interface LegacyConfig { accessKeyId: string; secretAccessKey: string }

function bootstrapLegacyEnv(cfg: LegacyConfig): void {
  // the vendored CLI only reads credentials from the environment
  process.env.AWS_ACCESS_KEY_ID = cfg.accessKeyId; // Noncompliant THC008
  process.env.AWS_SECRET_ACCESS_KEY = cfg.secretAccessKey; // Noncompliant THC008
}

async function* scanRows(table: string): AsyncGenerator<Record<string, unknown>> {
  for await (const page of paginateScan({ client: ddb, pageSize: 500 }, { TableName: table })) {
    for (const item of page.Items ?? []) yield unmarshall(item);
  }
}

async function* batches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const row of source) {
    batch.push(row);
    if (batch.length === size) { yield batch; batch = []; }
  }
  if (batch.length) yield batch;
}

export const handler: ScheduledHandler = async (event) => {
  if (process.env.LEGACY_CLI === '1') bootstrapLegacyEnv(JSON.parse(process.env.LEGACY_CONFIG ?? '{}'));
  const day = event.time.slice(0, 10);
  let part = 0;
  for await (const rows of batches(scanRows(process.env.TABLE_NAME!), 10_000)) {
    const key = `exports/${day}/part-${String(part++).padStart(4, '0')}.jsonl`;
    await archive.send(new PutObjectCommand({ Bucket: process.env.ARCHIVE_BUCKET, Key: key, Body: rows.map((r) => JSON.stringify(r)).join('\n') }));
  }
  await local.send(new PutObjectCommand({ Bucket: process.env.MARKER_BUCKET, Key: `markers/${day}`, Body: String(part) }));
  console.log(`export for ${day} wrote ${part} parts (event ${event.id})`);
};
