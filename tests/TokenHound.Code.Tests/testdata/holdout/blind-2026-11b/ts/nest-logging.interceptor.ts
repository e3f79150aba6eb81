import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { catchError, tap } from 'rxjs/operators';
import type { Request, Response } from 'express';

const SLOW_THRESHOLD_MS = 750;

function durationBucket(ms: number): string {
  if (ms < 100) return 'fast';
  if (ms < SLOW_THRESHOLD_MS) return 'normal';
  return 'slow';
}

@Injectable()
export class RequestLoggingInterceptor implements NestInterceptor {
  private readonly logger = new Logger('HTTP');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const started = Date.now();

    this.logger.log(`${req.method} ${req.originalUrl} rid=${req.header('x-request-id') ?? '-'}`);
    this.logger.debug(`headers: ${JSON.stringify(req.headers)}`); // Noncompliant THC002

    return next.handle().pipe(
      tap(() => {
        const ms = Date.now() - started;
        this.logger.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms}ms ${durationBucket(ms)}`);
      }),
      catchError((err: Error) => {
        this.logger.error(`${req.method} ${req.originalUrl} failed: ${err.message}`, err.stack);
        return throwError(() => err);
      }),
    );
  }
}

@Injectable()
export class ApiKeyAuditInterceptor implements NestInterceptor {
  private readonly audit = new Logger('Audit');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const apiKey = req.header('x-api-key');
    return next.handle().pipe(
      tap(() => this.audit.log(`call by key ${apiKey} to ${req.path}`)), // Noncompliant THC001
    );
  }
}
