import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import pino from 'pino';

const logger = pino();
const sts = new STSClient({});
const secrets = new SecretsManagerClient({});

async function tenantCredentials(tenantId: string) {
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({ RoleArn: process.env.PROVISIONING_ROLE_ARN, RoleSessionName: `tenant-${tenantId}` }),
  );
  return Credentials;
}

function roleSession(tenantId: string) {
  return `tenant-${tenantId}`;
}

export async function provision(tenantId: string, requestId: string) {
  const creds = await tenantCredentials(tenantId);
  logger.debug({ expires: creds?.Expiration, session: roleSession(tenantId), requestId }, 'assumed provisioning role');

  // the connection fields of a database secret are not the password
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));
  const { host, port, password } = JSON.parse(secret.SecretString ?? '{}');
  logger.info({ tenantId, host, port, hasPassword: Boolean(password) }, 'db connection info');
}
