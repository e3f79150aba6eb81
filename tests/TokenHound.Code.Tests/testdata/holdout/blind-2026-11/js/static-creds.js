// Legacy uploader, still deployed as a Lambda function.
const AWS = require('aws-sdk');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');

AWS.config.update({ region: 'eu-west-1', accessKeyId: process.env.UPLOADER_KEY_ID, secretAccessKey: process.env.UPLOADER_SECRET }); // Noncompliant THC008

const legacyS3 = new AWS.S3({ accessKeyId: 'AKIAZ7FAKEKEY2345X7Q', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123' }); // Noncompliant THC008

const creds = { accessKeyId: process.env.PARTNER_AWS_KEY, secretAccessKey: process.env.PARTNER_AWS_SECRET }; // Noncompliant THC008
const partnerS3 = new S3Client({ region: 'us-east-1', credentials: creds });

const s3 = new S3Client({});

const localDdb = new DynamoDBClient({
  endpoint: 'http://localhost:8000',
  region: 'local',
  credentials: { accessKeyId: 'dummy', secretAccessKey: 'dummy' },
});

function useBackupAccount() {
  process.env.AWS_ACCESS_KEY_ID = process.env.BACKUP_KEY_ID; // Noncompliant THC008
  process.env.AWS_SECRET_ACCESS_KEY = process.env.BACKUP_SECRET; // Noncompliant THC008
}

exports.handler = async (event) => {
  if (event.backup) useBackupAccount();
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: event.key, Body: event.body }));
  await partnerS3.send(new PutObjectCommand({ Bucket: 'partner-drop', Key: event.key, Body: event.body }));
  await legacyS3.putObject({ Bucket: 'legacy', Key: event.key, Body: event.body }).promise();
  return { ok: true, local: Boolean(localDdb) };
};
