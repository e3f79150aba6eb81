import type { SQSEvent, SQSRecord, Context } from 'aws-lambda';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'payments-worker' });
const secrets = new SecretsManagerClient({});
const sqs = new SQSClient({});
const SECRET_ID = process.env.STRIPE_SECRET_ARN!;
const SETTLEMENT_QUEUE = process.env.SETTLEMENT_QUEUE_URL!;

interface PaymentMessage { paymentId: string; amount: number; currency: string }

async function getStripeKey(): Promise<string> {
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
  logger.info('loaded stripe secret', { secretArn: SECRET_ID, version: out.VersionId });
  const apiKey = JSON.parse(out.SecretString ?? '{}').apiKey as string;
  logger.debug(`stripe key is ${apiKey}`); // Noncompliant THC001
  return apiKey;
}

async function settle(record: SQSRecord, apiKey: string): Promise<void> {
  const msg = JSON.parse(record.body) as PaymentMessage;
  logger.info('settling payment', { paymentId: msg.paymentId, amount: msg.amount });
  await sqs.send(new SendMessageCommand({ QueueUrl: SETTLEMENT_QUEUE, MessageBody: JSON.stringify({ ...msg, stripeKey: apiKey }) })); // Noncompliant THC009
}

async function notifyAudit(record: SQSRecord): Promise<void> {
  const msg = JSON.parse(record.body) as PaymentMessage;
  await sqs.send(new SendMessageCommand({
    QueueUrl: process.env.AUDIT_QUEUE_URL!,
    MessageBody: JSON.stringify({ paymentId: msg.paymentId, at: Date.now() }),
  }));
}

export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  logger.info('batch received', { count: event.Records.length });
  const apiKey = await getStripeKey();
  logger.info('key fingerprint', { keyLength: apiKey.length, suffix: '****' });
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      await settle(record, apiKey);
      await notifyAudit(record);
    } catch (err) {
      logger.error('settlement failed', { messageId: record.messageId, error: (err as Error).message });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
