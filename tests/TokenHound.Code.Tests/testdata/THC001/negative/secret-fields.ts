import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});

async function providerSecret() {
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.PROVIDER_SECRET_ARN }));
  return JSON.parse(out.SecretString ?? '{}') as { apiKey: string; merchantId: string; accountName: string };
}

const mask = (value: string): string => `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`;

// the identifiers kept next to the key are not the key
export const handler = async () => {
  const { apiKey, merchantId, accountName } = await providerSecret();
  console.info('using provider key', { merchantId, accountName, key: mask(apiKey) });
  return { statusCode: 204 };
};
