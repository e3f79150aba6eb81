import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';

interface ClickEvent {
  tenantId: string;
  sessionToken: string;
  path: string;
  at: string;
}

const firehose = new FirehoseClient({});
const kinesis = new KinesisClient({});

export async function shipClicks(events: ClickEvent[]): Promise<void> {
  await firehose.send(new PutRecordBatchCommand({ // Noncompliant THC009
    DeliveryStreamName: process.env.CLICK_STREAM,
    Records: events.map((e) => ({
      Data: Buffer.from(`${JSON.stringify({ tenantId: e.tenantId, sessionToken: e.sessionToken, path: e.path })}\n`),
    })),
  }));
}

export async function shipClicksAnonymized(events: ClickEvent[]): Promise<void> {
  await firehose.send(new PutRecordBatchCommand({
    DeliveryStreamName: process.env.CLICK_STREAM,
    Records: events.map((e) => ({
      Data: Buffer.from(`${JSON.stringify({ tenantId: e.tenantId, path: e.path, at: e.at })}\n`),
    })),
  }));
}

export async function mirrorClicks(events: ClickEvent[]): Promise<void> {
  await kinesis.send(new PutRecordsCommand({ // Noncompliant THC009
    StreamName: process.env.CLICK_MIRROR,
    Records: events.map((e) => ({
      PartitionKey: e.tenantId,
      Data: new TextEncoder().encode(JSON.stringify({ path: e.path, token: e.sessionToken })),
    })),
  }));
}
