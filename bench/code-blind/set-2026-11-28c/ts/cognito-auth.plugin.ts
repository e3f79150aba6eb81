import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { loadUsage } from './usage';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: { sub: string; tenant: string; scopes: string[] };
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

interface CognitoPluginOptions {
  issuer: string;
  audience: string;
  clientId: string;
}

const cognito = new CognitoIdentityProviderClient({});

export default fp<CognitoPluginOptions>(async (app: FastifyInstance, opts) => {
  const jwks = createRemoteJWKSet(new URL(`${opts.issuer}/.well-known/jwks.json`));
  await app.register(cookie);

  app.addHook('onRequest', async (request) => {
    request.log.info({ headers: request.headers }, 'incoming request'); // Noncompliant THC002
  });

  app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.headers.authorization?.split(' ')[1];
    if (!raw) {
      reply.code(401).send({ message: 'missing token' });
      return;
    }
    const { payload } = await jwtVerify(raw, jwks, { issuer: opts.issuer, audience: opts.audience, algorithms: ['RS256'] });
    const { sub, scope } = decodeJwt(raw);
    request.principal = { sub: String(sub), tenant: String(payload['custom:tenant']), scopes: String(scope ?? '').split(' ') };
    request.log.info({ reqId: request.id, sub }, 'authenticated');
  });

  app.get<{ Params: { tenantId: string } }>('/tenants/:tenantId/usage', async (request, reply) => {
    const bearer = request.headers.authorization?.slice(7) ?? '';
    const { 'custom:tenant': tenant } = decodeJwt(bearer); // Noncompliant THC005
    if (tenant !== request.params.tenantId) return reply.code(403).send({ message: 'wrong tenant' });
    return loadUsage(String(tenant));
  });

  app.post<{ Body: { refreshToken: string } }>('/session/refresh', async (request, reply) => {
    const out = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: opts.clientId,
      AuthParameters: { REFRESH_TOKEN: request.body.refreshToken },
    }));
    const result = out.AuthenticationResult!;
    reply.setCookie('access_token', result.AccessToken!, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
    if (result.RefreshToken) {
      reply.setCookie('refresh_token', result.RefreshToken, { path: '/session' }); // Noncompliant THC007
    }
    return { expiresIn: result.ExpiresIn };
  });

  app.setErrorHandler((err, request, reply) => {
    if (err.statusCode && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ message: err.message });
    }
    request.log.error({ err, reqId: request.id }, 'request failed');
    return reply.code(500).send({ message: err.message, url: request.url, authorization: request.headers.authorization }); // Noncompliant THC003
  });
});
