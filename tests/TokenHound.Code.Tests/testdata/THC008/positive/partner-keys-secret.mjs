// Lambda (SDK v3): uploads reconciliation files into a partner's bucket with the partner IAM user's keys, which are
// kept in Secrets Manager.
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';

const secrets = new SecretsManagerClient({});
const sts = new STSClient({});

async function partnerS3() {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.PARTNER_KEYS_SECRET_ID }));
  const keys = JSON.parse(SecretString);
  return new S3Client({ // Noncompliant
    region: keys.region,
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
  });
}

async function auditS3() {
  const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: process.env.AUDIT_ROLE_ARN, RoleSessionName: 'recon-upload' }));
  return new S3Client({
    credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken },
  });
}

export const handler = async (event) => {
  const body = JSON.stringify(event.detail);
  await (await partnerS3()).send(new PutObjectCommand({ Bucket: process.env.PARTNER_BUCKET, Key: `recon/${event.id}.json`, Body: body }));
  await (await auditS3()).send(new PutObjectCommand({ Bucket: process.env.AUDIT_BUCKET, Key: `recon/${event.id}.json`, Body: body }));
  return { ok: true };
};
