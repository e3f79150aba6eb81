import { Logger } from '@aws-lambda-powertools/logger';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

const logger = new Logger({ serviceName: 'billing-webhooks' });

interface StripeConfig {
  webhookSecret: string;
  apiKey: string;
}

function jsonResponse(statusCode: number, payload: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}

function parseBody(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function centsToAmount(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

async function loadConfig(): Promise<StripeConfig> {
  const cfg = (await getSecret('billing/stripe', { transform: 'json', maxAge: 300 })) as StripeConfig;
  logger.debug('stripe config loaded', { config: cfg }); // Noncompliant THC001
  return cfg;
}

export const handler = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  logger.addContext(context);
  logger.appendKeys({ requestId: event.requestContext.requestId });
  logger.info('webhook received', { event }); // Noncompliant THC002

  const body = parseBody(event.body);
  if (!body) {
    return jsonResponse(400, { message: 'invalid json' });
  }
  const cfg = await loadConfig();
  const signingKey = await getParameter('/billing/signing-key', { decrypt: true });
  logger.info('signing key ready', { length: signingKey?.length ?? 0 });

  const data = body.data as { amount: number; currency: string } | undefined;
  if (data) {
    logger.info('charge', { amount: centsToAmount(data.amount, data.currency.toUpperCase()) });
  }
  logger.info('processed webhook', { path: event.path, keyId: cfg.apiKey.slice(0, 4) + '…' });
  return jsonResponse(200, { received: true });
};
