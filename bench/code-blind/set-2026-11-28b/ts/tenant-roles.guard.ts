import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { jwtDecode } from "jwt-decode";
import { createHash } from "crypto";
import type { Request } from "express";

interface TenantClaims {
  sub: string;
  "custom:tenant": string;
  "cognito:groups"?: string[];
  exp: number;
}

export const ROLES_KEY = "roles";

function fingerprint(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 12);
}

@Injectable()
export class TenantRolesGuard implements CanActivate {
  private readonly logger = new Logger(TenantRolesGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const required = this.reflector.get<string[]>(ROLES_KEY, ctx.getHandler()) ?? [];
    const req = ctx.switchToHttp().getRequest<Request>();
    const header = req.headers.authorization;
    if (!header?.startsWith("Bearer ")) {
      this.logger.warn(`no bearer on ${req.method} ${req.url}`);
      throw new UnauthorizedException();
    }
    const token = header.substring(7);
    this.logger.debug(`auth attempt fp=${fingerprint(token)}`);

    const claims = jwtDecode<TenantClaims>(token); // Noncompliant THC005
    const groups = claims["cognito:groups"] ?? [];
    if (!required.every((r) => groups.includes(r))) {
      this.logger.warn(`forbidden for ${claims.sub}, token=${token}`); // Noncompliant THC001
      throw new ForbiddenException();
    }
    (req as any).tenant = claims["custom:tenant"];
    return true;
  }
}

@Injectable()
export class CognitoAuthGuard implements CanActivate {
  private readonly logger = new Logger(CognitoAuthGuard.name);
  private readonly verifier = CognitoJwtVerifier.create({
    userPoolId: process.env.USER_POOL_ID!,
    tokenUse: "access",
    clientId: process.env.USER_POOL_CLIENT_ID!,
  });

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const token = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    try {
      const payload = await this.verifier.verify(token);
      (req as any).user = { sub: payload.sub, scope: payload.scope };
      this.logger.log(`authenticated ${payload.sub} (token length ${token.length})`);
      return true;
    } catch (err) {
      this.logger.error(`token rejected: ${(err as Error).name}`);
      this.logger.verbose(`rejected authorization header for ${req.ip}: ${req.headers.authorization}`); // Noncompliant THC001
      throw new UnauthorizedException();
    }
  }
}
