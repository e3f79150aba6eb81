import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpErrorHandler from '@middy/http-error-handler';
import createError from 'http-errors';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { STSClient, AssumeRoleCommand, type Credentials } from '@aws-sdk/client-sts';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { runLocalParquetExport } from './parquet';

const logger = new Logger({ serviceName: 'tenant-export' });
const sts = new STSClient({});
const sfn = new SFNClient({});
const sns = new SNSClient({});

interface ExportRequest {
  tenantId: string;
  roleArn: string;
  format: 'csv' | 'parquet';
}

type ExportEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: ExportRequest };

async function assumeTenantRole(roleArn: string, tenantId: string): Promise<Credentials> {
  const { Credentials: creds } = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: `export-${tenantId}`, DurationSeconds: 900 }),
  );
  if (!creds) throw createError(502, 'could not assume tenant role');
  logger.info('assumed tenant role', {
    tenantId,
    expires: creds.Expiration?.toISOString(),
    keyId: `${creds.AccessKeyId?.slice(0, 4)}****`,
  });
  return creds;
}

const baseHandler = async (event: ExportEvent): Promise<APIGatewayProxyResultV2> => {
  const { tenantId, roleArn, format } = event.body;
  if (!tenantId || !roleArn) throw createError(400, 'tenantId and roleArn are required');

  const creds = await assumeTenantRole(roleArn, tenantId);
  const sessionToken = creds.SessionToken;
  logger.debug('tenant session ready', { tenantId, sessionToken }); // Noncompliant THC001

  if (format === 'parquet') {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: creds.AccessKeyId, AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey, AWS_SESSION_TOKEN: sessionToken }); // Noncompliant THC008
    await runLocalParquetExport(tenantId);
    return { statusCode: 200, body: JSON.stringify({ tenantId, mode: 'inline' }) };
  }

  const execution = await sfn.send(new StartExecutionCommand({ // Noncompliant THC009
    stateMachineArn: process.env.EXPORT_STATE_MACHINE_ARN,
    name: `${tenantId}-${Date.now()}`,
    input: JSON.stringify({ tenantId, format, credentials: creds }),
  }));

  await sns.send(new PublishCommand({
    TopicArn: process.env.EXPORT_TOPIC_ARN,
    Subject: 'Tenant export started',
    Message: JSON.stringify({ tenantId, executionArn: execution.executionArn, requestId: event.requestContext.requestId }),
  }));

  return { statusCode: 202, body: JSON.stringify({ executionArn: execution.executionArn }) };
};

export const handler = middy(baseHandler)
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(httpJsonBodyParser())
  .use(httpErrorHandler({ fallbackMessage: 'Export request failed' }));
