'use strict';

const {
  CognitoIdentityProviderClient,
  SignUpCommand,
  AdminConfirmSignUpCommand,
  InitiateAuthCommand,
} = require('@aws-sdk/client-cognito-identity-provider');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');
const crypto = require('node:crypto');
const pino = require('pino');

const logger = pino({ level: process.env.LOG_LEVEL || 'info', base: { service: 'tenant-signup' } });
const cognito = new CognitoIdentityProviderClient({});
const sqs = new SQSClient({});
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const USER_POOL_ID = process.env.USER_POOL_ID;
const CLIENT_ID = process.env.USER_POOL_CLIENT_ID;
const TENANTS_TABLE = process.env.TENANTS_TABLE;
const ONBOARDING_QUEUE_URL = process.env.ONBOARDING_QUEUE_URL;

function slugify(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}

async function createTenant(companyName, ownerEmail) {
  const tenant = {
    tenantId: crypto.randomUUID(),
    slug: slugify(companyName),
    ownerEmail,
    plan: 'trial',
    createdAt: new Date().toISOString(),
  };
  await ddb.send(new PutCommand({
    TableName: TENANTS_TABLE,
    Item: tenant,
    ConditionExpression: 'attribute_not_exists(tenantId)',
  }));
  return tenant;
}

async function registerOwner(tenant, email, password) {
  await cognito.send(new SignUpCommand({
    ClientId: CLIENT_ID,
    Username: email,
    Password: password,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'custom:tenant_id', Value: tenant.tenantId },
    ],
  }));
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: USER_POOL_ID, Username: email }));
  const auth = await cognito.send(new InitiateAuthCommand({
    ClientId: CLIENT_ID,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: password },
  }));
  return auth.AuthenticationResult;
}

exports.handler = async (event, context) => {
  console.log('signup event', JSON.stringify(event)); // Noncompliant THC002
  const requestId = context.awsRequestId;
  try {
    const { companyName, email, password } = JSON.parse(event.body || '{}');
    if (!companyName || !email || !password) {
      return { statusCode: 400, body: JSON.stringify({ message: 'companyName, email and password are required', requestId }) };
    }
    const tenant = await createTenant(companyName, email);
    logger.info({ tenantId: tenant.tenantId, slug: tenant.slug, requestId }, 'tenant created');

    const session = await registerOwner(tenant, email, password);
    logger.debug({ tenantId: tenant.tenantId, session }, 'owner signed in after signup'); // Noncompliant THC001

    const onboarding = {
      tenantId: tenant.tenantId,
      ownerEmail: email,
      idToken: session.IdToken,
      steps: ['welcome-email', 'seed-workspace', 'create-billing-customer'],
    };
    await sqs.send(new SendMessageCommand({ QueueUrl: ONBOARDING_QUEUE_URL, MessageBody: JSON.stringify(onboarding) })); // Noncompliant THC009

    return {
      statusCode: 201,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tenantId: tenant.tenantId, slug: tenant.slug, accessToken: session.AccessToken, expiresIn: session.ExpiresIn }),
    };
  } catch (err) {
    logger.error({ errName: err.name, errMessage: err.message, requestId }, 'signup failed');
    return { statusCode: 500, body: JSON.stringify({ message: 'Signup failed', requestId, detail: err.stack }) }; // Noncompliant THC003
  }
};
