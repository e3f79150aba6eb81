// Global exception filter of the catalog API (NestJS): problem details with a correlation id; the exception stays in
// the log.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const correlationId = randomUUID();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const err = exception as Error;
    this.logger.error(`request failed (${correlationId})`, err.stack);
    res.status(status).type('application/problem+json').json({ type: 'about:blank', title: 'Request failed', status, correlationId });
  }
}

export async function withRetry<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error: unknown) {
    new Logger('retry').warn(`first attempt failed: ${(error as Error).name}`);
    return work().catch(() => undefined);
  }
}
