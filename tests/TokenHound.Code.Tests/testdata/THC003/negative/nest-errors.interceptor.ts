import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable, catchError, throwError } from 'rxjs';

@Injectable()
export class ErrorsInterceptor implements NestInterceptor {
  private readonly logger = new Logger(ErrorsInterceptor.name);

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest();
    return next.handle().pipe(
      catchError((err: Error) => {
        this.logger.error(`handler failed for ${req.originalUrl}`, err.stack);
        const body = { message: 'internal error', path: req.originalUrl };
        return throwError(() => new HttpException(body, HttpStatus.INTERNAL_SERVER_ERROR));
      }),
    );
  }
}
