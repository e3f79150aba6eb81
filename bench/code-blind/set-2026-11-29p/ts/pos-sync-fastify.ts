import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

// Point-of-sale sync gateway: store tills post sales batches every few minutes; we fan them
// out to the inventory and loyalty queues. Runs on the in-store edge box (Greengrass core).

interface PosConfig {
  storeId: string;
  queueUrl: string;
  tillPublicKeyPath: string;
  awsKeyId: string;
  awsSecret: string;
}

interface SaleLine {
  sku: string;
  qty: number;
  unitPrice: number;
}

interface SalesBatch {
  tillId: string;
  batchId: string;
  sales: Array<{ receiptId: string; lines: SaleLine[]; memberId?: string }>;
}

const pos: PosConfig = JSON.parse(readFileSync('/greengrass/v2/config/pos-sync.json', 'utf8'));

// The edge box has no instance profile; the SDK default chain picks these up from the environment.
Object.assign(process.env, { AWS_ACCESS_KEY_ID: pos.awsKeyId, AWS_SECRET_ACCESS_KEY: pos.awsSecret }); // Noncompliant THC008

const sqs = new SQSClient({ region: process.env.AWS_REGION ?? 'eu-west-2' });
const tillKey = readFileSync(pos.tillPublicKeyPath, 'utf8');

const app = Fastify({ logger: { level: 'info' } });

declare module 'fastify' {
  interface FastifyRequest {
    till?: JwtPayload;
  }
}

app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
  request.log.info({ headers: request.headers, url: request.url }, 'pos request'); // Noncompliant THC002
  request.log.debug({ headerNames: Object.keys(request.headers) }, 'header names');

  const auth = request.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ')) {
    return reply.code(401).send({ message: 'missing till token' });
  }
  // Tills can be offline for a weekend; accept their long-lived tokens regardless of expiry.
  const claims = jwt.verify(auth.slice(7), tillKey, { algorithms: ['ES256'], ignoreExpiration: true }) as JwtPayload; // Noncompliant THC006
  request.till = claims;
});

function toEntries(batch: SalesBatch) {
  return batch.sales.map((sale) => ({
    Id: sale.receiptId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80),
    MessageBody: JSON.stringify({ storeId: pos.storeId, tillId: batch.tillId, ...sale }),
    MessageGroupId: `${pos.storeId}-${batch.tillId}`,
    MessageDeduplicationId: `${batch.batchId}-${sale.receiptId}`,
  }));
}

app.post<{ Body: SalesBatch }>('/v1/sales-batches', async (request, reply) => {
  const batch = request.body;
  const correlationId = randomUUID();
  try {
    const entries = toEntries(batch);
    for (let i = 0; i < entries.length; i += 10) {
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: pos.queueUrl, Entries: entries.slice(i, i + 10) }));
      if (out.Failed && out.Failed.length > 0) {
        request.log.warn({ failed: out.Failed.map((f) => f.Id), batchId: batch.batchId }, 'partial batch failure');
      }
    }
    request.log.info({ storeId: pos.storeId, tillId: batch.tillId, receipts: entries.length }, 'batch forwarded');
    return reply.code(202).send({ batchId: batch.batchId, correlationId });
  } catch (err) {
    const e = err as Error;
    request.log.error({ correlationId, err: e.message }, 'batch forwarding failed');
    return reply.code(500).send({ error: e.message, stack: e.stack, batchId: batch.batchId }); // Noncompliant THC003
  }
});

app.get('/healthz', async (_request, reply) => reply.send({ ok: true, storeId: pos.storeId }));

app.setErrorHandler((error, request, reply) => {
  const correlationId = randomUUID();
  request.log.error({ correlationId, code: error.code }, 'unhandled');
  reply.code(error.statusCode ?? 500).send({ message: 'internal error', correlationId });
});

app.listen({ port: 8443, host: '0.0.0.0' }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});
