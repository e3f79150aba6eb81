import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { Context, KinesisStreamEvent } from 'aws-lambda';
import winston from 'winston';

const log = winston.createLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

interface UsageRecord {
  tenantId: string;
  apiKey: string;
  endpoint: string;
  units: number;
  ts: string;
}

interface ExportRequest {
  tenantId: string;
  roleArn: string;
  taskToken: string;
}

export class UsageMeter {
  constructor(
    private readonly firehose = new FirehoseClient({}),
    private readonly events = new EventBridgeClient({}),
    private readonly sts = new STSClient({}),
    private readonly sfn = new SFNClient({}),
    private readonly streamName = process.env.USAGE_DELIVERY_STREAM ?? 'usage-delivery',
  ) {}

  decode(event: KinesisStreamEvent): UsageRecord[] {
    return event.Records.map((r) => JSON.parse(Buffer.from(r.kinesis.data, 'base64').toString('utf8')) as UsageRecord);
  }

  async ship(records: UsageRecord[]): Promise<void> {
    await this.firehose.send(new PutRecordBatchCommand({ // Noncompliant THC009
      DeliveryStreamName: this.streamName,
      Records: records.map((r) => ({
        Data: Buffer.from(`${JSON.stringify({ tenantId: r.tenantId, apiKey: r.apiKey, endpoint: r.endpoint, units: r.units, ts: r.ts })}\n`),
      })),
    }));
  }

  async requestExport(req: ExportRequest, totals: Record<string, number>): Promise<void> {
    const assumed = await this.sts.send(new AssumeRoleCommand({
      RoleArn: req.roleArn,
      RoleSessionName: `usage-export-${req.tenantId}`,
      DurationSeconds: 900,
    }));
    log.info('assumed export role', { tenantId: req.tenantId, roleArn: req.roleArn, expiration: assumed.Credentials?.Expiration });
    await this.events.send(new PutEventsCommand({ // Noncompliant THC009
      Entries: [{
        Source: 'saas.metering',
        DetailType: 'UsageExportRequested',
        Detail: JSON.stringify({ tenantId: req.tenantId, totals, credentials: assumed.Credentials }),
      }],
    }));
    await this.sfn.send(new SendTaskSuccessCommand({ taskToken: req.taskToken, output: JSON.stringify({ tenantId: req.tenantId, exported: true }) }));
  }
}

const meter = new UsageMeter();

export const handler = async (event: KinesisStreamEvent, context: Context) => {
  log.debug(`metering batch ${JSON.stringify(event)}`); // Noncompliant THC002
  const records = meter.decode(event);
  log.info('decoded usage records', { count: records.length, requestId: context.awsRequestId });

  const totals: Record<string, number> = {};
  for (const r of records) {
    totals[r.tenantId] = (totals[r.tenantId] ?? 0) + r.units;
  }
  await meter.ship(records);
  log.info('usage shipped', { tenants: Object.keys(totals).length, units: Object.values(totals).reduce((a, b) => a + b, 0) });

  const exportRequests = (process.env.EXPORT_REQUESTS ? JSON.parse(process.env.EXPORT_REQUESTS) : []) as ExportRequest[];
  for (const req of exportRequests.filter((e) => totals[e.tenantId] !== undefined)) {
    await meter.requestExport(req, { [req.tenantId]: totals[req.tenantId] });
  }
  return { batchItemFailures: [] };
};
