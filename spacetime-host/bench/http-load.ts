// HTTP load generator for host-transfer.ts, run as its own process so that the
// client does not share the server's event loop. Prints one JSON line:
// { count, seconds, latenciesMicros }.
// Usage: tsx http-load.ts <url> <method> <calls> <concurrency> [token] [transfer]
import { Pool } from 'undici';

const [urlText, method, callsText, concurrencyText, token, bodyKind] = process.argv.slice(2);
if (urlText === undefined || (method !== 'GET' && method !== 'POST')) {
  throw new Error('usage: http-load.ts <url> <GET|POST> <calls> <concurrency> [token] [transfer]');
}
const url = new URL(urlText);
const calls = Number(callsText);
const concurrency = Number(concurrencyText);
const ACCOUNTS = 10_000;
const headers: Record<string, string> = { 'content-type': 'application/json' };
if (token) headers.authorization = `Bearer ${token}`;

function body(): string | undefined {
  if (bodyKind !== 'transfer') return undefined;
  const from = Math.floor(Math.random() * ACCOUNTS);
  const to = (from + 1 + Math.floor(Math.random() * (ACCOUNTS - 1))) % ACCOUNTS;
  return JSON.stringify([from, to, 1]);
}

const pool = new Pool(url.origin, { connections: concurrency });
const latencies: number[] = new Array(calls);
let issued = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (issued < calls) {
      const index = issued++;
      const t0 = performance.now();
      const response = await pool.request({ path: url.pathname, method, headers, body: body() });
      const text = await response.body.text();
      if (response.statusCode >= 300) {
        throw new Error(`${url.pathname} answered ${response.statusCode}: ${text}`);
      }
      latencies[index] = (performance.now() - t0) * 1000;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
await pool.close();
process.stdout.write(`${JSON.stringify({ count: calls, seconds, latenciesMicros: latencies })}\n`);
