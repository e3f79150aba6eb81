// NestJS logging interceptor that writes every request header to the log.
import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';

@Injectable()
export class LoggingInterceptor implements NestInterceptor {
  private readonly logger = new Logger(LoggingInterceptor.name);

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest();
    this.logger.debug(`headers: ${JSON.stringify(req.headers)}`); // Noncompliant
    this.logger.log(`${req.method} ${req.url}`);
    return next.handle();
  }
}
