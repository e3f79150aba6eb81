// NestJS interceptor with an audit logger: the partner's API key goes into the audit log.
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { AuditLog } from './audit-log';

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest();
    const apiKey = req.headers['x-api-key'];
    return next.handle().pipe(
      tap(() => this.audit.log(`call by key ${apiKey} to ${req.path}`)), // Noncompliant
    );
  }
}
