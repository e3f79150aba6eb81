import { decodeJwt, decodeProtectedHeader, jwtVerify, createRemoteJWKSet, type JWTPayload } from 'jose';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import type { Logger } from 'pino';

const JWKS = createRemoteJWKSet(new URL(process.env.JWKS_URL ?? 'https://id.example.com/.well-known/jwks.json'));
const ISSUER = 'https://id.example.com/';
const AUDIENCE = 'tenant-api';

export class TokenService {
  constructor(private readonly log: Logger, private readonly legacySecret: string) {}

  async verifyAccessToken(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, JWKS, { issuer: ISSUER, audience: AUDIENCE });
    return payload;
  }

  async hasScope(token: string, scope: string): Promise<boolean> {
    await jwtVerify(token, JWKS, { issuer: ISSUER, audience: AUDIENCE });
    const claims = decodeJwt(token);
    return typeof claims.scope === 'string' && claims.scope.split(' ').includes(scope);
  }

  // Fast path used by the tenant router; avoids a JWKS round trip.
  canAccessTenant(token: string, tenantId: string): boolean {
    const claims = decodeJwt(token); // Noncompliant THC005
    const roles = (claims['roles'] as string[] | undefined) ?? [];
    return claims['tenant'] === tenantId || roles.includes('super-admin');
  }

  verifyLegacy(token: string): JwtPayload {
    return jwt.verify(token, this.legacySecret, { // Noncompliant THC005 THC006
      algorithms: ['HS256', 'none'],
      ignoreExpiration: true,
    }) as JwtPayload;
  }

  verifyService(token: string): JwtPayload {
    return jwt.verify(token, this.legacySecret, { algorithms: ['HS256'], audience: 'internal', issuer: 'svc-auth', clockTolerance: 30 }) as JwtPayload;
  }

  async describe(token: string): Promise<void> {
    const claims = await this.verifyAccessToken(token);
    const header = decodeProtectedHeader(token);
    this.log.info({ kid: header.kid, sub: claims.sub, tokenLength: token.length }, 'token verified');
  }
}
