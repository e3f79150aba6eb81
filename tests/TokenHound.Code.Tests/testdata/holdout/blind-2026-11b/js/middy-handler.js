'use strict';

const middy = require('@middy/core');
const httpJsonBodyParser = require('@middy/http-json-body-parser');
const httpErrorHandler = require('@middy/http-error-handler');
const AWS = require('aws-sdk');

const secretsManager = new AWS.SecretsManager({ region: process.env.AWS_REGION });
const SECRET_ID = process.env.PARTNER_SECRET_ID;

function mask(value) {
  if (!value) return '';
  return `${value.slice(0, 3)}***${value.slice(-2)}`;
}

function validateBody(body) {
  const errors = [];
  if (!body || typeof body !== 'object') errors.push('body must be an object');
  if (body && !body.orderId) errors.push('orderId is required');
  if (body && body.amount !== undefined && Number.isNaN(Number(body.amount))) errors.push('amount must be numeric');
  return errors;
}

function loadPartnerSecret() {
  return secretsManager.getSecretValue({ SecretId: SECRET_ID }).promise()
    .then((data) => {
      const partnerSecret = JSON.parse(data.SecretString);
      console.log('partner secret loaded', partnerSecret); // Noncompliant THC001
      return partnerSecret;
    });
}

// Custom middy middleware that attaches the partner key to the context
const partnerKeyMiddleware = () => ({
  before: async (request) => {
    const secret = await loadPartnerSecret();
    request.context.partnerKey = secret.apiKey;
    console.info('partner key attached', mask(secret.apiKey));
  },
});

const auditMiddleware = () => ({
  after: async (request) => {
    console.info('request completed', {
      requestId: request.context.awsRequestId,
      status: request.response && request.response.statusCode,
    });
  },
});

async function baseHandler(event, context) {
  const errors = validateBody(event.body);
  if (errors.length) {
    return { statusCode: 400, body: JSON.stringify({ errors }) };
  }
  const partnerKey = context.partnerKey;
  setTimeout(() => {
    console.debug('delayed audit for partner key', partnerKey); // Noncompliant THC001
  }, 0);
  return { statusCode: 202, body: JSON.stringify({ orderId: event.body.orderId, accepted: true }) };
}

module.exports.handler = middy(baseHandler)
  .use(httpJsonBodyParser())
  .use(partnerKeyMiddleware())
  .use(auditMiddleware())
  .use(httpErrorHandler());
module.exports.validateBody = validateBody;
