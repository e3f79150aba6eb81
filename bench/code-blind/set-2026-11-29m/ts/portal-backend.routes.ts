// Developer portal backend (Fastify, aws-sdk v3): Cognito code exchange for the
// React front end and the "rotate secret" action of the service catalog.

import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { SecretsManagerClient, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { randomBytes } from 'node:crypto';

const COGNITO_DOMAIN = process.env.COGNITO_DOMAIN ?? 'https://portal-auth.auth.eu-west-1.amazoncognito.com';
const CLIENT_ID = process.env.COGNITO_CLIENT_ID ?? '';
const CLIENT_SECRET = process.env.COGNITO_CLIENT_SECRET ?? '';
const EVENT_BUS = process.env.CATALOG_EVENT_BUS ?? 'service-catalog';

const secrets = new SecretsManagerClient({});
const events = new EventBridgeClient({});

interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  expires_in: number;
}

async function exchangeCode(code: string, redirectUri: string): Promise<TokenResponse> {
  const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
  const res = await fetch(`${COGNITO_DOMAIN}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: redirectUri }),
  });
  if (!res.ok) throw new Error(`token endpoint returned ${res.status}`);
  return (await res.json()) as TokenResponse;
}

export function buildApp(): FastifyInstance {
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  app.register(cookie);

  app.addHook('onRequest', async (request) => {
    request.log.info(request.headers, 'incoming request'); // Noncompliant THC002
  });

  app.post<{ Body: { code: string; redirectUri: string } }>('/api/session/exchange', async (request, reply) => {
    const tokens = await exchangeCode(request.body.code, request.body.redirectUri);
    const csrf = randomBytes(24).toString('base64url');
    if (tokens.refresh_token) {
      reply.setCookie('portal_refresh', tokens.refresh_token, { path: '/api/session', httpOnly: true, maxAge: 30 * 86400 }); // Noncompliant THC007
    }
    reply.setCookie('portal_csrf', csrf, { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: 3600 });
    request.log.info({ expiresIn: tokens.expires_in }, 'code exchanged');
    return { access_token: tokens.access_token, id_token: tokens.id_token, expires_in: tokens.expires_in };
  });

  app.post<{ Params: { name: string } }>('/api/catalog/secrets/:name/rotate', async (request, reply) => {
    const secretId = `catalog/${request.params.name}`;
    const { SecretString: currentValue, VersionId: previousVersion } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
    const current = JSON.parse(currentValue ?? '{}');
    request.log.debug({ secretId, currentValue }, 'current secret loaded'); // Noncompliant THC001

    const next = { ...current, password: randomBytes(24).toString('base64url') };
    const put = await secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(next) }));
    request.log.info({ secretId, previousVersion, newVersion: put.VersionId }, 'secret rotated');

    await events.send(new PutEventsCommand({ Entries: [{ EventBusName: EVENT_BUS, Source: 'portal.catalog', DetailType: 'SecretRotated', Detail: JSON.stringify({ secretId, versionId: put.VersionId, password: next.password }) }] })); // Noncompliant THC009

    reply.code(202);
    return { secretId, versionId: put.VersionId };
  });

  app.setErrorHandler((error, request, reply) => {
    request.log.error({ err: { name: error.name, code: error.code } }, 'request failed');
    reply.code(error.statusCode ?? 500).send({ error: 'internal error', requestId: request.id });
  });

  return app;
}

if (require.main === module) {
  buildApp().listen({ port: Number(process.env.PORT ?? 8080), host: '0.0.0.0' }).catch((err) => {
    console.error('failed to start', err.name);
    process.exit(1);
  });
}
