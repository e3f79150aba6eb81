const { S3Client } = require('@aws-sdk/client-s3');
const { fromTemporaryCredentials } = require('@aws-sdk/credential-providers');

const client = new S3Client({ region: process.env.AWS_REGION });
const crossAccount = new S3Client({
  credentials: fromTemporaryCredentials({ params: { RoleArn: process.env.TARGET_ROLE_ARN } }),
});
const local = new S3Client({ endpoint: 'http://localhost:4566', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

module.exports.handler = async () => Promise.all([client.config.region(), crossAccount.config.region(), local.config.region()]);
