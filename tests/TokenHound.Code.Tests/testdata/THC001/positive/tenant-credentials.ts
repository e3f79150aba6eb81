import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import pino from 'pino';

const logger = pino();
const sts = new STSClient({});
const ssm = new SSMClient({});

async function tenantCredentials(tenantId: string) {
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({ RoleArn: process.env.PROVISIONING_ROLE_ARN, RoleSessionName: `tenant-${tenantId}` }),
  );
  if (!Credentials) throw new Error('could not assume role');
  return Credentials;
}

async function partnerKey() {
  const out = await ssm.send(new GetParameterCommand({ Name: '/partner/api-key', WithDecryption: true }));
  return out.Parameter?.Value;
}

export async function provision(tenantId: string, requestId: string) {
  // functions of this file that return STS credentials / a SecureString: their results are secrets
  const creds = await tenantCredentials(tenantId);
  logger.debug({ creds, requestId }, 'assumed provisioning role'); // Noncompliant
  const key = await partnerKey();
  logger.info(`calling partner with ${key}`); // Noncompliant
}
