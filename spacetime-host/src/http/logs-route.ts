import type { Context } from 'hono';
import type { LogRecord } from '../database/database-api.js';
import { stringifySatsJson } from '../sats/sats-json-text.js';
import { authorize } from './database-policy.js';
import type { HttpEnv } from './http-env.js';
import { boolParam, uintParam } from './query-params.js';

const LEVEL_NAMES = {
  error: 'Error',
  warn: 'Warn',
  info: 'Info',
  debug: 'Debug',
  trace: 'Trace',
  panic: 'Panic',
} as const;

/**
 * One line of SpacetimeDB's module log (crates/core/src/database_logger.rs):
 * the level tag first, then the record's fields, absent ones left out.
 */
export function logLine(record: LogRecord): string {
  const line: Record<string, unknown> = { level: LEVEL_NAMES[record.level], ts: record.ts };
  if (record.target !== undefined) line.target = record.target;
  if (record.filename !== undefined) line.filename = record.filename;
  if (record.lineNumber !== undefined) line.line_number = record.lineNumber;
  if (record.function !== undefined) line.function = record.function;
  line.message = record.message;
  if (record.level === 'panic') line.trace = [];
  return `${stringifySatsJson(line)}\n`;
}

/**
 * `GET /v1/database/:name_or_identity/logs?num_lines=N&follow=true`: the
 * owner's view of the module log as NDJSON, the last N lines (all when N is
 * absent), then, when following, every new line until the client hangs up.
 */
export function logsRoute(c: Context<HttpEnv>): Response {
  const database = c.get('database');
  authorize(database, c.get('caller').identity, 'view module logs');
  const numLines = uintParam(c, 'num_lines', 2 ** 32 - 1);
  const follow = boolParam(c, 'follow', false);
  const headers = { 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache' };

  const all = database.logs();
  const tail = numLines === undefined ? all : all.slice(Math.max(0, all.length - numLines));
  const backlog = tail.map(logLine).join('');
  if (!follow) return new Response(backlog, { headers });

  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (backlog.length > 0) controller.enqueue(encoder.encode(backlog));
      // Taking the backlog and subscribing happen in one synchronous step, so no record falls in between.
      unsubscribe = database.onLog((record) => controller.enqueue(encoder.encode(logLine(record))));
      c.req.raw.signal.addEventListener('abort', () => {
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by a cancel.
        }
      });
    },
    cancel() {
      unsubscribe();
    },
  });
  return new Response(stream, { headers });
}
