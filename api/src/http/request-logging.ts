// One log line per request with its id, and a child logger carrying the id
// for everything logged while the request runs. The query string is left out:
// links such as /signup?invite=… carry secrets.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/logger.js';
import type { AppEnv } from './app-env.js';

export function requestLogging(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestLogger = logger.child({ reqId: c.get('requestId') });
    c.set('logger', requestLogger);
    await next();
    const status = c.res.status;
    const record = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (status >= 500) requestLogger.error(record, 'request failed');
    else requestLogger.info(record, 'request');
  };
}
