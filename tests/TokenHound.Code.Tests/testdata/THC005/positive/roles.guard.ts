// NestJS guard: the roles come from a decoded, never verified, access token.
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { jwtDecode } from "jwt-decode";
import type { Request } from "express";

interface TenantClaims { sub: string; "cognito:groups"?: string[] }

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const required = this.reflector.get<string[]>("roles", ctx.getHandler()) ?? [];
    const header = ctx.switchToHttp().getRequest<Request>().headers.authorization;
    if (!header?.startsWith("Bearer ")) {
      throw new UnauthorizedException();
    }
    const claims = jwtDecode<TenantClaims>(header.substring(7)); // Noncompliant
    const groups = claims["cognito:groups"] ?? [];
    if (!required.every((r) => groups.includes(r))) {
      throw new ForbiddenException();
    }
    return true;
  }
}
