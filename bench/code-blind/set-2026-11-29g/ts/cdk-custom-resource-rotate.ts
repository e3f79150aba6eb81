import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  SecretsManagerClient,
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  DeleteSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

// CDK Provider framework onEvent handler for the `PartnerApiKey` custom resource.
// Secrets live in the shared-services account; the cross-account deploy role is not there yet.
const sharedSecrets = new SecretsManagerClient({ // Noncompliant THC008
  region: 'eu-west-1',
  credentials: {
    accessKeyId: 'AKIAZ7FAKEB3NM6PLK2D',
    secretAccessKey: 'FAKEs3cr3tKeyForTests+Zq9FAKEFAKE00000',
  },
});
const events = new EventBridgeClient({});

const BUS_NAME = process.env.EVENT_BUS_NAME ?? 'platform';
const PARTNER_ADMIN_URL = process.env.PARTNER_ADMIN_URL ?? 'https://admin.partner.example.com';
const ADMIN_TOKEN_SECRET = process.env.ADMIN_TOKEN_SECRET_ID ?? 'partner/admin-token';

interface PartnerKey { id: string; value: string; createdAt: string }
interface Props { SecretName: string; Label: string }

async function readAdminToken(): Promise<string> {
  const out = await sharedSecrets.send(new GetSecretValueCommand({ SecretId: ADMIN_TOKEN_SECRET }));
  return out.SecretString ?? '';
}

async function createPartnerKey(label: string): Promise<PartnerKey> {
  const adminToken = await readAdminToken();
  const res = await fetch(`${PARTNER_ADMIN_URL}/v2/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ label }),
  });
  if (!res.ok) throw new Error(`partner admin API returned ${res.status}`);
  return (await res.json()) as PartnerKey;
}

export const onEvent = async (event: CloudFormationCustomResourceEvent) => {
  console.log('CFN request', JSON.stringify(event, null, 2)); // Noncompliant THC002
  const props = event.ResourceProperties as unknown as Props;

  switch (event.RequestType) {
    case 'Create': {
      const key = await createPartnerKey(props.Label);
      const created = await sharedSecrets.send(new CreateSecretCommand({ Name: props.SecretName, SecretString: key.value }));
      console.log(`partner key ${key.id} stored in ${created.ARN}`);
      await events.send(new PutEventsCommand({ // Noncompliant THC009
        Entries: [{
          EventBusName: BUS_NAME,
          Source: 'platform.partner-keys',
          DetailType: 'PartnerKeyCreated',
          Detail: JSON.stringify({ keyId: key.id, apiKey: key.value, secretArn: created.ARN }),
        }],
      }));
      return { PhysicalResourceId: created.ARN!, Data: { SecretArn: created.ARN!, KeyId: key.id } };
    }
    case 'Update': {
      const key = await createPartnerKey(props.Label);
      await sharedSecrets.send(new PutSecretValueCommand({ SecretId: event.PhysicalResourceId, SecretString: key.value }));
      await events.send(new PutEventsCommand({
        Entries: [{
          EventBusName: BUS_NAME,
          Source: 'platform.partner-keys',
          DetailType: 'PartnerKeyRotated',
          Detail: JSON.stringify({ keyId: key.id, secretArn: event.PhysicalResourceId }),
        }],
      }));
      return { PhysicalResourceId: event.PhysicalResourceId, Data: { SecretArn: event.PhysicalResourceId, KeyId: key.id } };
    }
    case 'Delete': {
      await sharedSecrets.send(new DeleteSecretCommand({ SecretId: event.PhysicalResourceId, RecoveryWindowInDays: 7 }));
      console.log(`scheduled deletion of ${event.PhysicalResourceId}`);
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
  }
};
