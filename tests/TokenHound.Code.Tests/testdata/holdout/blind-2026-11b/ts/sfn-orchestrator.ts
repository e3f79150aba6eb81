import pino from 'pino';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const sts = new STSClient({});
const sfn = new SFNClient({});
const ssm = new SSMClient({});
const events = new EventBridgeClient({});

// Export bucket lives in the data account; the key pair is provisioned as Lambda env vars
const exportS3 = new S3Client({ // Noncompliant THC008
  region: 'us-west-2',
  credentials: { accessKeyId: process.env.EXPORT_KEY_ID!, secretAccessKey: process.env.EXPORT_SECRET! },
});

interface ExportRequest { tenantId: string; from: string; to: string; requestId: string }

function validateRange(from: string, to: string): void {
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) throw new Error('invalid date');
  if (b - a > 31 * 86400000) throw new Error('range too large');
}

function executionName(req: ExportRequest): string {
  return `export-${req.tenantId}-${req.requestId}`.replace(/[^A-Za-z0-9-_]/g, '').slice(0, 80);
}

async function dbPassword(): Promise<string> {
  const out = await ssm.send(new GetParameterCommand({ Name: '/exports/db-password', WithDecryption: true }));
  const password = out.Parameter?.Value ?? '';
  log.info({ password }, 'db password fetched'); // Noncompliant THC001
  return password;
}

export const handler = async (req: ExportRequest) => {
  validateRange(req.from, req.to);
  const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: process.env.EXPORT_ROLE_ARN!, RoleSessionName: req.requestId }));
  const creds = assumed.Credentials!;
  const pw = await dbPassword();
  log.info({ tenantId: req.tenantId, expires: creds.Expiration }, 'starting export');

  const input = JSON.stringify({ tenantId: req.tenantId, range: [req.from, req.to], credentials: creds });
  await sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.EXPORT_SFN_ARN!, name: executionName(req), input })); // Noncompliant THC009

  await events.send(new PutEventsCommand({ Entries: [{ Source: 'exports', DetailType: 'ExportStarted', Detail: JSON.stringify({ tenantId: req.tenantId, requestId: req.requestId }) }] }));
  void exportS3;
  void pw;
  return { started: true };
};
