// Kicks off the per-tenant migration state machine (legacy MySQL -> Aurora) and handles
// the callback from the copy workers. Lambda + middy + Powertools, SDK v3.

import middy from '@middy/core';
import { Logger, injectLambdaContext } from '@aws-lambda-powertools/logger';
import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

const logger = new Logger({ serviceName: 'tenant-migration' });
const sfn = new SFNClient({});
const sts = new STSClient({});
const ssm = new SSMClient({});

const STATE_MACHINE_ARN = process.env.STATE_MACHINE_ARN!;
const LEGACY_ROLE_ARN = process.env.LEGACY_ROLE_ARN!;

interface MigrationRequest {
  tenantId: string;
  sourceHost: string;
  dryRun?: boolean;
}

interface CopyFinishedEvent {
  tenantId: string;
  taskToken: string;
  rows: number;
  error?: string;
}

async function legacyApiKey(tenantId: string): Promise<string> {
  const name = `/legacy/${tenantId}/api-key`;
  const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  logger.info('loaded parameter', { name, version: out.Parameter?.Version });
  logger.debug('legacy api key', { name, value: out.Parameter?.Value }); // Noncompliant THC001
  return out.Parameter?.Value ?? '';
}

const startMigration = async (event: MigrationRequest) => {
  const role = await sts.send(new AssumeRoleCommand({
    RoleArn: LEGACY_ROLE_ARN,
    RoleSessionName: `migrate-${event.tenantId}`,
    DurationSeconds: 3600,
  }));
  logger.info('assumed legacy role', { roleArn: LEGACY_ROLE_ARN, expiration: role.Credentials?.Expiration });

  const apiKey = await legacyApiKey(event.tenantId);
  logger.info('legacy api key present', { tenantId: event.tenantId, keyLength: apiKey.length });

  const execution = await sfn.send(new StartExecutionCommand({ // Noncompliant THC009
    stateMachineArn: STATE_MACHINE_ARN,
    name: `${event.tenantId}-${Date.now()}`,
    input: JSON.stringify({ tenantId: event.tenantId, sourceHost: event.sourceHost, dryRun: !!event.dryRun, legacyCredentials: role.Credentials }),
  }));
  logger.info('migration started', { tenantId: event.tenantId, executionArn: execution.executionArn });
  return { executionArn: execution.executionArn };
};

export const handler = middy(startMigration).use(injectLambdaContext(logger, { logEvent: true })); // Noncompliant THC002

const copyFinished = async (event: CopyFinishedEvent) => {
  if (event.error) {
    await sfn.send(new SendTaskFailureCommand({ taskToken: event.taskToken, error: 'CopyFailed', cause: event.error.slice(0, 200) }));
    logger.warn('copy failed', { tenantId: event.tenantId });
    return;
  }
  // the task token only resumes the waiting state; it is not a credential
  await sfn.send(new SendTaskSuccessCommand({
    taskToken: event.taskToken,
    output: JSON.stringify({ tenantId: event.tenantId, copiedRows: event.rows }),
  }));
  logger.info('copy finished', { tenantId: event.tenantId, rows: event.rows });
};

export const onCopyFinished = middy(copyFinished).use(injectLambdaContext(logger, { clearState: true }));
