'use strict';

// Nightly ECR cleanup (EventBridge schedule -> Lambda, aws-sdk v2).
// Keeps the newest KEEP_LAST images per repository in the tooling, prod and
// legacy registries, then hands a summary to the cost-report function.

const https = require('https');
const AWS = require('aws-sdk');

const REGION = process.env.AWS_REGION || 'us-east-1';
const KEEP_LAST = parseInt(process.env.KEEP_LAST || '20', 10);
const REPORT_FUNCTION = process.env.REPORT_FUNCTION_NAME || 'cost-report-writer';
const COST_API = process.env.COST_API_BASE || 'https://cost-api.tools.internal.example.com';

const ecr = new AWS.ECR({ region: REGION });
const lambda = new AWS.Lambda({ region: REGION });
const ssm = new AWS.SSM({ region: REGION });

const prodEcr = new AWS.ECR({
  region: REGION,
  credentials: new AWS.ChainableTemporaryCredentials({
    params: { RoleArn: process.env.PROD_CLEANUP_ROLE_ARN, RoleSessionName: 'ecr-cleanup' },
  }),
});

// legacy shared-services registry, still reached with an IAM user
const legacyEcr = new AWS.ECR({ region: 'us-east-1', accessKeyId: 'AKIAZ7FAKEECRCLEAN27', secretAccessKey: 'FAKEecrCleanupSecretKeyDoNotUse00000000' }); // Noncompliant THC008

async function listStaleImages(client, repositoryName) {
  const images = [];
  let nextToken;
  do {
    const page = await client.describeImages({ repositoryName, nextToken, maxResults: 1000 }).promise();
    images.push(...page.imageDetails);
    nextToken = page.nextToken;
  } while (nextToken);
  images.sort((a, b) => new Date(b.imagePushedAt) - new Date(a.imagePushedAt));
  return images.slice(KEEP_LAST);
}

async function deleteImages(client, repositoryName, images) {
  for (let i = 0; i < images.length; i += 100) {
    const imageIds = images.slice(i, i + 100).map(({ imageDigest }) => ({ imageDigest }));
    await client.batchDeleteImage({ repositoryName, imageIds }).promise();
  }
}

function getJson(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(JSON.parse(body || '{}')));
    }).on('error', reject);
  });
}

async function sweep(label, client) {
  const results = [];
  const { repositories } = await client.describeRepositories({ maxResults: 1000 }).promise();
  for (const { repositoryName } of repositories) {
    const stale = await listStaleImages(client, repositoryName);
    if (stale.length) await deleteImages(client, repositoryName, stale);
    const bytes = stale.reduce((sum, img) => sum + (img.imageSizeInBytes || 0), 0);
    console.log(`[${label}] ${repositoryName}: removed ${stale.length} images (${bytes} bytes)`);
    results.push({ registry: label, repositoryName, removed: stale.length, bytes });
  }
  return results;
}

exports.handler = async (event) => {
  console.log(`cleanup triggered by ${event['detail-type']} (${event.id}) at ${event.time}`);

  const summary = [
    ...(await sweep('tooling', ecr)),
    ...(await sweep('prod', prodEcr)),
    ...(await sweep('legacy', legacyEcr)),
  ];

  const param = await ssm.getParameter({ Name: '/devtools/cost-api/key', WithDecryption: true }).promise();
  const apiKey = param.Parameter.Value;
  console.log(`loaded cost api key from ${param.Parameter.Name} (v${param.Parameter.Version})`);
  const pricing = await getJson(`${COST_API}/v1/pricing/ecr?region=${REGION}&api_key=${apiKey}`); // Noncompliant THC009

  const [authData] = (await legacyEcr.getAuthorizationToken({}).promise()).authorizationData;
  console.log('legacy registry auth', authData.authorizationToken); // Noncompliant THC001
  console.log('legacy registry endpoint', authData.proxyEndpoint, 'expires', authData.expiresAt);

  // the report writer re-tags the retained legacy images, so it needs registry auth
  await lambda.invoke({ FunctionName: REPORT_FUNCTION, InvocationType: 'Event', Payload: JSON.stringify({ summary, pricePerGb: pricing.storagePerGbMonth, registry: authData.proxyEndpoint, registryToken: authData.authorizationToken }) }).promise(); // Noncompliant THC009

  const removed = summary.reduce((n, r) => n + r.removed, 0);
  return { repositories: summary.length, removed };
};
