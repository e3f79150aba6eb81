import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, catchError, throwError } from 'rxjs';

@Injectable()
export class ErrorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest();
    return next.handle().pipe(
      catchError((err: Error) => {
        if (err instanceof HttpException) {
          return throwError(() => err);
        }
        // a NestJS HttpException's first argument is the response body
        const body = { message: err.message, stack: err.stack, path: req.originalUrl };
        return throwError(() => new HttpException(body, HttpStatus.INTERNAL_SERVER_ERROR)); // Noncompliant
      }),
    );
  }
}
