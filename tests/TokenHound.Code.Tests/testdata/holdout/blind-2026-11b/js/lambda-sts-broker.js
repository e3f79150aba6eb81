'use strict';

const AWS = require('aws-sdk');

const sts = new AWS.STS();
const sqs = new AWS.SQS();
const lambda = new AWS.Lambda();

const QUEUE_URL = process.env.JOBS_QUEUE_URL;
const WORKER_FN = process.env.WORKER_FUNCTION_NAME;
const ROLE_BY_TENANT = JSON.parse(process.env.ROLE_BY_TENANT || '{}');

function chunk(arr, size) {
  const out = [];
  for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
  return out;
}

function retryDelay(attempt) {
  return Math.min(2000, 100 * 2 ** attempt) + Math.floor(Math.random() * 50);
}

async function withRetry(fn, attempts = 3) {
  let lastErr;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastErr = err;
      await new Promise((r) => setTimeout(r, retryDelay(i)));
    }
  }
  throw lastErr;
}

async function assumeTenantRole(tenantId) {
  const roleArn = ROLE_BY_TENANT[tenantId];
  if (!roleArn) throw new Error(`no role for tenant ${tenantId}`);
  const resp = await sts.assumeRole({ RoleArn: roleArn, RoleSessionName: `broker-${tenantId}` }).promise();
  return resp.Credentials;
}

exports.handler = async (event, context) => {
  const tenantId = event.tenantId;
  const creds = await withRetry(() => assumeTenantRole(tenantId));
  console.log('assumed role for tenant', tenantId, 'expires', creds.Expiration);

  const batches = chunk(event.jobs || [], 10);
  batches.forEach((batch, idx) => {
    console.log(`batch ${idx} using session token ${creds.SessionToken}`); // Noncompliant THC001
  });

  for (const batch of batches) {
    const body = { tenantId, jobs: batch.map((j) => j.id) };
    await sqs.sendMessage({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ ...body, credentials: creds }) }).promise(); // Noncompliant THC009
  }

  await lambda.invoke({
    FunctionName: WORKER_FN,
    InvocationType: 'Event',
    Payload: JSON.stringify({ tenantId, requestId: context.awsRequestId, batches: batches.length }),
  }).promise();

  return { tenantId, batches: batches.length };
};

exports.chunk = chunk;
