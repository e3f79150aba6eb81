import { Logger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

const logger = new Logger({ serviceName: 'payments' });
const secrets = new SecretsManagerClient({});
const lambda = new LambdaClient({});

const PROVIDER_SECRET_ID = process.env.PROVIDER_SECRET_ID ?? 'prod/payments/provider';
const CAPTURE_FUNCTION = process.env.CAPTURE_FUNCTION_NAME ?? 'payments-capture';

interface ProviderSecret {
  apiKey: string;
  merchantId: string;
}

interface CaptureRequest {
  orderId?: string;
  amount?: number;
  currency?: string;
}

let cachedSecret: ProviderSecret | undefined;

async function providerSecret(): Promise<ProviderSecret> {
  if (cachedSecret) return cachedSecret;
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: PROVIDER_SECRET_ID }));
  cachedSecret = JSON.parse(out.SecretString ?? '{}') as ProviderSecret;
  logger.info('provider secret loaded', { secretId: PROVIDER_SECRET_ID, versionId: out.VersionId });
  return cachedSecret;
}

const mask = (value: string): string => `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`;

export const handler = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  logger.addContext(context);
  logger.debug('payment request', { event }); // Noncompliant THC002

  const body = JSON.parse(event.body ?? '{}') as CaptureRequest;
  if (!body.orderId || !body.amount) {
    return { statusCode: 400, body: JSON.stringify({ message: 'orderId and amount are required' }) };
  }

  try {
    const { apiKey, merchantId } = await providerSecret();
    logger.info('using provider key', { merchantId, key: mask(apiKey) });
    if (process.env.PAYMENTS_TRACE === 'true') {
      logger.debug(`provider credentials ${merchantId}:${apiKey}`); // Noncompliant THC001
    }

    const payload = { orderId: body.orderId, amount: body.amount, currency: body.currency ?? 'EUR', merchantId, apiKey };
    const result = await lambda.send(new InvokeCommand({ FunctionName: CAPTURE_FUNCTION, Payload: Buffer.from(JSON.stringify(payload)) })); // Noncompliant THC009

    if (result.FunctionError) {
      logger.warn('capture function reported an error', { orderId: body.orderId, functionError: result.FunctionError });
      return { statusCode: 502, body: JSON.stringify({ message: 'Payment could not be captured' }) };
    }
    const response = JSON.parse(Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8'));
    logger.info('payment captured', { orderId: body.orderId, status: response.status });
    return { statusCode: 200, body: JSON.stringify({ status: response.status, orderId: body.orderId }) };
  } catch (error) {
    const err = error as Error;
    logger.error('payment capture failed', err);
    return { statusCode: 500, body: JSON.stringify({ message: err.message, stack: err.stack, request: body }) }; // Noncompliant THC003
  }
};
