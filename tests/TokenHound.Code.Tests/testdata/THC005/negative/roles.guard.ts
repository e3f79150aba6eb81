// NestJS guard: the access token is verified first; the roles are read from the verified payload.
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import type { Request } from "express";

const verifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: "access",
  clientId: process.env.CLIENT_ID!,
});

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const required = this.reflector.get<string[]>("roles", ctx.getHandler()) ?? [];
    const header = ctx.switchToHttp().getRequest<Request>().headers.authorization;
    if (!header?.startsWith("Bearer ")) {
      throw new UnauthorizedException();
    }
    const payload = await verifier.verify(header.substring(7));
    const groups = payload["cognito:groups"] ?? [];
    if (!required.every((r) => groups.includes(r))) {
      throw new ForbiddenException();
    }
    return true;
  }
}
