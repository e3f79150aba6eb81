import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";

// The on-prem backfill still reads with the old IAM user.
const BACKFILL_KEYS = { // Noncompliant
  accessKeyId: "AKIAZ7FAKEBKFZLLK3Y5",
  secretAccessKey: "FAKEbackfillReadSecretKey000000000000000",
};

const ledgerConfig = { // Noncompliant
  region: "eu-west-1",
  credentials: {
    accessKeyId: process.env.LEDGER_ACCESS_KEY_ID!,
    secretAccessKey: process.env.LEDGER_SECRET_ACCESS_KEY!,
  },
};

const backfillS3 = new S3Client({ region: "us-east-1", credentials: BACKFILL_KEYS });
const ledger = new DynamoDBClient(ledgerConfig);
const defaultS3 = new S3Client({ region: "us-east-1" });

export async function copyDay(bucket: string, key: string): Promise<number> {
  const obj = await backfillS3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const body = await obj.Body!.transformToString();
  await ledger.send(new PutItemCommand({ TableName: "backfill-ledger", Item: { key: { S: key }, size: { N: String(body.length) } } }));
  return body.length;
}

export { defaultS3 };
