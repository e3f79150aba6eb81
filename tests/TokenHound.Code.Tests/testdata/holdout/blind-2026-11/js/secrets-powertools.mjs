import { Logger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import { createHash } from 'node:crypto';

const logger = new Logger({ serviceName: 'payments' });
const sm = new SecretsManagerClient({});
const ssm = new SSMClient({});

let cached;

async function loadStripeKey() {
  if (cached) return cached;
  const out = await sm.send(new GetSecretValueCommand({ SecretId: process.env.STRIPE_SECRET_ARN }));
  const secret = JSON.parse(out.SecretString);
  logger.info('loaded stripe secret', { arn: out.ARN, versionId: out.VersionId });
  logger.debug('stripe secret payload', { secret }); // Noncompliant THC001
  cached = secret.apiKey;
  return cached;
}

async function loadWebhookSigningKey() {
  const p = await ssm.send(new GetParameterCommand({ Name: '/payments/webhook-key', WithDecryption: true }));
  const signingKey = p.Parameter.Value;
  logger.info(`webhook key loaded: ${signingKey}`); // Noncompliant THC001
  logger.info('webhook key fingerprint', { sha256: createHash('sha256').update(signingKey).digest('hex').slice(0, 12) });
  return signingKey;
}

export const handler = async (event, context) => {
  logger.addContext(context);
  logger.info('incoming event', { event }); // Noncompliant THC002
  logger.info('path', { path: event.rawPath, requestId: event.requestContext.requestId });
  const apiKey = await loadStripeKey();
  const whKey = await loadWebhookSigningKey();
  logger.info('keys ready', { apiKeyLength: apiKey.length, hasWebhookKey: Boolean(whKey) });
  return { statusCode: 200, body: '{}' };
};
