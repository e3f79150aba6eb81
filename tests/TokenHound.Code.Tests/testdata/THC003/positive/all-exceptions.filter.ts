// Global exception filters of the catalog API (NestJS on ECS). Registered with app.useGlobalFilters(...).
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (exception instanceof HttpException) {
      res.status(exception.getStatus()).json({ statusCode: exception.getStatus(), path: req.url });
      return;
    }
    const err = exception as Error;
    this.logger.error(`unhandled error on ${req.url}: ${err.name}`);
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: err.message, stack: err.stack }); // Noncompliant THC003
  }
}

@Catch(HttpException)
export class VerboseHttpFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    res.status(exception.getStatus()).json({ error: exception.name, stack: exception.stack, correlationId: randomUUID() }); // Noncompliant THC003
  }
}
