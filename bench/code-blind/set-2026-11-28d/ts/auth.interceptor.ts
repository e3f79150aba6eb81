import {
  CallHandler,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  NestInterceptor,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import * as jwt from 'jsonwebtoken';
import { createHash } from 'crypto';
import { Observable, catchError, tap, throwError } from 'rxjs';

interface AuthSettings {
  publicKey: string;
  issuer: string;
  audience: string;
}

@Injectable()
export class AuthInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuthInterceptor.name);
  private readonly auth: AuthSettings;

  constructor(config: ConfigService) {
    this.auth = {
      publicKey: config.getOrThrow<string>('JWT_PUBLIC_KEY'),
      issuer: config.getOrThrow<string>('JWT_ISSUER'),
      audience: config.getOrThrow<string>('JWT_AUDIENCE'),
    };
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? 'unknown';

    this.logger.verbose(`-> ${req.method} ${req.originalUrl} headers=${JSON.stringify(req.headers)}`); // Noncompliant THC002

    const authorization = req.headers.authorization;
    if (!authorization) {
      throw new UnauthorizedException();
    }
    const token = authorization.replace(/^Bearer /, '');
    this.logger.debug(`token fingerprint ${this.digest(token)} for request ${requestId}`);

    const claims = this.verify(token);
    (req as Request & { user?: unknown }).user = { sub: claims.sub, scope: claims.scope };
    this.logger.log(`authenticated ${claims.sub} (${requestId})`);

    return next.handle().pipe(
      tap(() => res.setHeader('x-request-id', requestId)),
      catchError((err: Error) => {
        this.logger.error(`handler failed for ${requestId}: ${err.message}`, err.stack);
        if (err instanceof HttpException) {
          return throwError(() => err);
        }
        const body = { message: err.message, stack: err.stack, path: req.originalUrl, requestId };
        return throwError(() => new HttpException(body, HttpStatus.INTERNAL_SERVER_ERROR)); // Noncompliant THC003
      }),
    );
  }

  private verify(token: string): jwt.JwtPayload {
    try {
      return jwt.verify(token, this.auth.publicKey, { // Noncompliant THC006
        algorithms: ['RS256'],
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        ignoreExpiration: true,
      }) as jwt.JwtPayload;
    } catch (e) {
      this.logger.warn(`rejected bearer token ${token}: ${(e as Error).message}`); // Noncompliant THC001
      throw new UnauthorizedException('invalid token');
    }
  }

  private digest(token: string): string {
    return createHash('sha256').update(token).digest('hex').substring(0, 16);
  }
}
