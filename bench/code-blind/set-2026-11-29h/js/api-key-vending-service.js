'use strict';

// Self-service API key vending for internal consumers of the data platform APIs.
const express = require('express');
const cookieParser = require('cookie-parser');
const crypto = require('crypto');
const bunyan = require('bunyan');
const {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeysCommand,
} = require('@aws-sdk/client-api-gateway');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

const log = bunyan.createLogger({ name: 'key-vending', level: process.env.LOG_LEVEL || 'info' });

function fingerprint(value) {
  return crypto.createHash('sha256').update(value).digest('hex').slice(0, 12);
}

class KeyVendor {
  constructor({ apigw, sqs, usagePlanId, provisioningQueueUrl }) {
    this.apigw = apigw;
    this.sqs = sqs;
    this.usagePlanId = usagePlanId;
    this.queueUrl = provisioningQueueUrl;
  }

  async vend(tenantId, owner) {
    const created = await this.apigw.send(new CreateApiKeyCommand({
      name: `${tenantId}-${Date.now()}`,
      enabled: true,
      tags: { tenantId, owner },
    }));
    await this.apigw.send(new CreateUsagePlanKeyCommand({
      usagePlanId: this.usagePlanId,
      keyId: created.id,
      keyType: 'API_KEY',
    }));
    log.info({ tenantId, keyId: created.id, fp: fingerprint(created.value) }, 'api key vended');
    log.info({ tenantId, owner, apiKey: created.value }, 'api key details for support'); // Noncompliant THC001

    const provisioning = { tenantId, keyId: created.id, apiKey: created.value, owner };
    await this.sqs.send(new SendMessageCommand({ // Noncompliant THC009
      QueueUrl: this.queueUrl,
      MessageBody: JSON.stringify(provisioning),
    }));
    return created;
  }

  async isValid(presented) {
    const out = await this.apigw.send(new GetApiKeysCommand({ includeValues: true, limit: 500 }));
    return (out.items || []).some((k) => k.enabled && k.value === presented);
  }
}

const vendor = new KeyVendor({
  apigw: new APIGatewayClient({}),
  sqs: new SQSClient({}),
  usagePlanId: process.env.USAGE_PLAN_ID,
  provisioningQueueUrl: process.env.PROVISIONING_QUEUE_URL,
});

const app = express();
app.use(express.json());
app.use(cookieParser());

app.post('/keys', async (req, res) => {
  const session = req.cookies.portal_session;
  if (!session) {
    return res.status(401).json({ error: 'unauthenticated' });
  }
  try {
    const created = await vendor.vend(req.body.tenantId, req.body.owner);
    res.cookie('portal_session', session, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 3600000 });
    res.cookie('vended_api_key', created.value, { maxAge: 600000 }); // Noncompliant THC007
    return res.status(201).json({ keyId: created.id, value: created.value });
  } catch (err) {
    const correlationId = crypto.randomUUID();
    log.error({ correlationId, errName: err.name }, 'vend failed');
    return res.status(500).json({ error: 'internal error', correlationId });
  }
});

app.post('/keys/validate', async (req, res) => {
  const presented = req.get('x-api-key') || '';
  const ok = await vendor.isValid(presented);
  if (!ok) {
    return res.status(403).json({ error: 'invalid api key', presented }); // Noncompliant THC003
  }
  return res.json({ valid: true, fp: fingerprint(presented) });
});

app.listen(Number(process.env.PORT || 8080), () => log.info('key vending up'));
