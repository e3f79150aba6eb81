import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

const REGION = process.env.AWS_REGION ?? 'eu-west-1';

// Default provider chain: picks up the Lambda execution role.
export const defaultS3 = new S3Client({ region: REGION });

export function legacyArchiveClient(): S3Client {
  return new S3Client({ // Noncompliant THC008
    region: 'us-east-1',
    credentials: {
      accessKeyId: 'AKIAZ7FAKEKEY2345X7Q',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123',
    },
  });
}

export function reportingDynamo(): DynamoDBClient {
  return new DynamoDBClient({ // Noncompliant THC008
    region: REGION,
    credentials: {
      accessKeyId: process.env.REPORTING_ACCESS_KEY_ID!,
      secretAccessKey: process.env.REPORTING_SECRET_ACCESS_KEY!,
    },
  });
}

export function crossAccountS3(roleArn: string): S3Client {
  return new S3Client({
    region: REGION,
    credentials: fromTemporaryCredentials({ params: { RoleArn: roleArn, RoleSessionName: 'reporting' } }),
  });
}

export function primeEnvForSubprocess(): void {
  process.env.AWS_ACCESS_KEY_ID = 'AKIAZ7FAKEKEY2345X7Q'; // Noncompliant THC008
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123'; // Noncompliant THC008
  process.env.AWS_REGION = REGION;
}

export async function listArchive(prefix: string): Promise<string[]> {
  const out = await defaultS3.send(new ListObjectsV2Command({ Bucket: process.env.ARCHIVE_BUCKET!, Prefix: prefix }));
  const keys = (out.Contents ?? []).map((o) => o.Key!);
  console.log('listed archive', { prefix, count: keys.length });
  return keys;
}
