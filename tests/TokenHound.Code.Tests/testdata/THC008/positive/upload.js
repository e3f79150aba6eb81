const AWS = require('aws-sdk');
const { S3Client } = require('@aws-sdk/client-s3');

const legacy = new AWS.S3({ // Noncompliant
  accessKeyId: 'AKIAZ7FAKEKEY2345X7Q',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123',
  region: 'us-east-1',
});

const client = new S3Client({ // Noncompliant
  region: process.env.AWS_REGION,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
    sessionToken: process.env.AWS_SESSION_TOKEN,
  },
});

AWS.config.update({ accessKeyId: process.env.UPLOAD_KEY_ID, secretAccessKey: process.env.UPLOAD_SECRET }); // Noncompliant

module.exports.handler = async () => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIAZ7FAKEKEY2345X7Q'; // Noncompliant
  return Promise.all([legacy.listBuckets().promise(), client.config.region()]);
};
