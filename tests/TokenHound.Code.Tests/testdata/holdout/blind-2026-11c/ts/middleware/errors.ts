import type { Express, NextFunction, Request, Response } from 'express';
import errorhandler from 'errorhandler';
import bunyan from 'bunyan';

const log = bunyan.createLogger({ name: 'api-errors' });

export class HttpError extends Error {
  constructor(public readonly status: number, message: string, public readonly expose = true) {
    super(message);
  }
}

function requestIdOf(req: Request): string {
  return (req.headers['x-request-id'] as string | undefined) ?? 'unknown';
}

export function installErrorHandlers(app: Express): void {
  if (process.env.NODE_ENV === 'development') {
    app.use(errorhandler());
    return;
  }

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    log.error({ err, requestId: requestIdOf(req) }, 'request failed');
    if (err instanceof HttpError && err.expose) {
      res.status(err.status).json({ message: err.message, requestId: requestIdOf(req) });
      return;
    }
    const e = err as Error;
    res.status(500).json({ message: e.message, trace: e.stack }); // Noncompliant THC003
  });
}

// Used by the partner gateway to help integrators debug rejected calls.
export function authFailureEcho(req: Request, res: Response, next: NextFunction): void {
  const { authorization } = req.headers;
  if (!authorization?.startsWith('Bearer ')) {
    res.status(401).json({ message: 'token rejected', received: authorization }); // Noncompliant THC003
    return;
  }
  next();
}

export function notFound(req: Request, res: Response): void {
  log.info({ path: req.path, requestId: requestIdOf(req) }, 'route not found');
  res.status(404).json({ message: `no route for ${req.method} ${req.path}` });
}
