import { STSClient, AssumeRoleCommand, type Credentials } from '@aws-sdk/client-sts';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import pino from 'pino';

const log = pino({ name: 'report-dispatch' });
const sts = new STSClient({});
const lambda = new LambdaClient({});
const sfn = new SFNClient({});

export interface TenantJob { tenantId: string; roleArn: string; reportId: string }

function assertJob(job: Partial<TenantJob>): asserts job is TenantJob {
  if (!job.tenantId || !job.roleArn || !job.reportId) throw new Error('tenantId, roleArn and reportId are required');
  if (!/^arn:aws:iam::\d{12}:role\//.test(job.roleArn)) throw new Error('roleArn is malformed');
}

async function assumeTenantRole(job: TenantJob): Promise<Credentials> {
  const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: job.roleArn, RoleSessionName: `report-${job.reportId}`, DurationSeconds: 900 }));
  if (!Credentials) throw new Error('no credentials returned');
  log.info({ tenant: job.tenantId, expires: Credentials.Expiration }, 'assumed tenant role');
  log.debug({ credentials: Credentials }, 'tenant credentials'); // Noncompliant THC001
  return Credentials;
}

export async function dispatch(job: Partial<TenantJob>, authHeader: string): Promise<void> {
  assertJob(job);
  const creds = await assumeTenantRole(job);
  const payload = { reportId: job.reportId, accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken };
  await lambda.send(new InvokeCommand({ FunctionName: process.env.RENDER_FN, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) })); // Noncompliant THC009

  await sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.PIPELINE_ARN, input: JSON.stringify({ reportId: job.reportId, callerToken: authHeader }) })); // Noncompliant THC009

  // The pipeline re-assumes the role itself; only identifiers travel.
  await sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.ARCHIVE_ARN, name: job.reportId, input: JSON.stringify({ reportId: job.reportId, tenantId: job.tenantId, roleArn: job.roleArn }) }));
}

export async function notifyPartner(reportId: string, partnerToken: string): Promise<number> {
  const res = await fetch(`https://partner.example.com/hooks/report?id=${encodeURIComponent(reportId)}&access_token=${partnerToken}`, { method: 'POST' }); // Noncompliant THC009
  log.info({ reportId, status: res.status }, 'partner notified');
  return res.status;
}

export async function notifyPartnerV2(reportId: string, partnerToken: string): Promise<number> {
  const res = await fetch(`https://partner.example.com/v2/hooks/report?id=${encodeURIComponent(reportId)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${partnerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reportId }),
  });
  if (!res.ok) log.warn({ reportId, status: res.status }, 'partner rejected notification');
  return res.status;
}
