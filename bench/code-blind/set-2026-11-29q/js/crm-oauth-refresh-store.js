'use strict';

// CRM connector: exchanges Salesforce-style OAuth codes for refresh tokens and
// stores them per tenant. API Gateway REST proxy integration, aws-sdk v2.
const AWS = require('aws-sdk');
const https = require('https');
const querystring = require('querystring');

const TABLE = process.env.TOKEN_TABLE || 'crm-oauth-tokens';
const SYNC_FN = process.env.SYNC_FUNCTION || 'crm-contact-sync';
const CRM_TOKEN_HOST = process.env.CRM_TOKEN_HOST || 'login.crm.example.com';

const docClient = new AWS.DynamoDB.DocumentClient({ // Noncompliant THC008
  region: process.env.AWS_REGION,
  accessKeyId: process.env.CRM_STORE_KEY_ID,
  secretAccessKey: process.env.CRM_STORE_SECRET,
});
const lambda = new AWS.Lambda();
const ssm = new AWS.SSM();

const log = {
  info: (msg, extra) => console.log(JSON.stringify({ level: 'info', msg, ...extra })),
  warn: (msg, extra) => console.warn(JSON.stringify({ level: 'warn', msg, ...extra })),
};

function postForm(host, path, form) {
  const body = querystring.stringify(form);
  return new Promise((resolve, reject) => {
    const req = https.request({ host, path, method: 'POST', headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
    } }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(data || '{}') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function clientSecret(tenantId) {
  const name = `/crm/${tenantId}/oauth-client-secret`;
  const out = await ssm.getParameter({ Name: name, WithDecryption: true }).promise();
  log.info('loaded client secret parameter', { parameter: name });
  return out.Parameter.Value;
}

async function exchangeCode(tenantId, code, redirectUri) {
  const secret = await clientSecret(tenantId);
  const res = await postForm(CRM_TOKEN_HOST, '/services/oauth2/token', {
    grant_type: 'authorization_code',
    client_id: process.env.CRM_CLIENT_ID,
    client_secret: secret,
    code,
    redirect_uri: redirectUri,
  });
  if (res.status !== 200) {
    throw new Error(`token endpoint returned ${res.status}`);
  }
  return res.json;
}

exports.handler = async (event, context) => {
  console.log('oauth callback received', JSON.stringify(event)); // Noncompliant THC002
  const { tenant: tenantId } = event.pathParameters || {};
  const { code, state } = event.queryStringParameters || {};

  if (!tenantId || !code) {
    return { statusCode: 400, body: JSON.stringify({ message: 'missing tenant or code' }) };
  }

  try {
    const tokenSet = await exchangeCode(tenantId, code, process.env.REDIRECT_URI);
    const { refresh_token: rt, instance_url: instanceUrl, issued_at: issuedAt } = tokenSet;
    const stored = rt;

    await docClient.put({
      TableName: TABLE,
      Item: { tenantId, refreshToken: stored, instanceUrl, issuedAt, state },
    }).promise();

    log.info(`stored refresh token ${stored} for tenant`, { tenantId }); // Noncompliant THC001
    log.info('refresh token stored', { tenantId, tokenLength: stored.length, instanceUrl });

    await lambda.invoke({ // Noncompliant THC009
      FunctionName: SYNC_FN,
      InvocationType: 'Event',
      Payload: JSON.stringify({ tenantId, instanceUrl, refreshToken: stored }),
    }).promise();

    return { statusCode: 302, headers: { Location: `/integrations/${tenantId}?connected=1` }, body: '' };
  } catch (err) {
    log.warn('oauth exchange failed', { tenantId, requestId: context.awsRequestId, reason: err.name });
    return {
      statusCode: 502,
      body: JSON.stringify({ message: 'Could not connect CRM', correlationId: context.awsRequestId }),
    };
  }
};
