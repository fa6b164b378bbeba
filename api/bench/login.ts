// Measures login throughput and latency over HTTP: the API runs in a child
// process (as `npm start -w api` runs it) on a fresh PGlite folder, or on
// PostgreSQL when DATABASE_URL is set; this process sends the load. Each
// login verifies an argon2id hash (19 MiB, 2 passes) and writes a session,
// so the figures are bound by argon2; the bench also times argon2 alone and
// a cheap authenticated route for comparison. CPU per operation (the API
// process's, or this process's for argon2 alone, all threads) is printed too:
// on a shared machine it moves less than the rates do.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { hashPassword, verifyPassword } from '../src/accounts/passwords/password-hasher.js';
import { type DatabaseTarget, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

const USERS = 200;
const PASSWORD = 'benchmark password 1234';
const LOGINS_PER_LEVEL = 400;
const CONCURRENCY_LEVELS = [1, 4, 16, 64];
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Read here because the benchmark, like the tests, is not the service.
const databaseUrl = process.env.DATABASE_URL || undefined;

interface Measurement {
  readonly label: string;
  readonly count: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  /** CPU the measured process spent per operation (all its threads). */
  readonly cpuMsPerOp: number;
}

/** A process's CPU time so far, from /proc (Linux): user + system, all threads. */
type CpuClock = () => Promise<number>;

const ownCpu: CpuClock = async () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function processCpu(pid: number): CpuClock {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  return async () => {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function report(measurement: Measurement): string {
  const sorted = [...measurement.latenciesMs].sort((a, b) => a - b);
  const rate = measurement.count / measurement.seconds;
  return `| ${measurement.label} | ${rate.toFixed(1)} | ${percentile(sorted, 50).toFixed(1)} ms | ${percentile(sorted, 99).toFixed(1)} ms | ${measurement.cpuMsPerOp.toFixed(1)} ms |`;
}

/** Runs `count` calls of `task`, `concurrency` at a time. */
async function load(
  label: string,
  count: number,
  concurrency: number,
  cpu: CpuClock,
  task: (index: number) => Promise<void>,
): Promise<Measurement> {
  const latenciesMs: number[] = [];
  let next = 0;
  const cpuBefore = await cpu();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) {
        const begin = performance.now();
        await task(index);
        latenciesMs.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerOp = ((await cpu()) - cpuBefore) / count;
  return { label, count, seconds, latenciesMs, cpuMsPerOp };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Creates the accounts directly (one shared hash), so seeding does not take minutes of argon2. */
async function seed(target: DatabaseTarget): Promise<void> {
  const database = await openDatabase(target);
  try {
    await migrateToLatest(database.db);
    const passwordHash = await hashPassword(PASSWORD);
    await database.db.deleteFrom('users').where('username', 'like', 'bench_%').execute();
    await database.db
      .insertInto('users')
      .values(
        Array.from({ length: USERS }, (_, i) => ({
          username: `bench_${i}`,
          displayName: `Bench ${i}`,
          role: 'member',
          passwordHash,
        })),
      )
      .execute();
  } finally {
    await database.close();
  }
}

async function startApiProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${env.PORT}/readyz`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ready = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the API did not become ready');
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-bench-'));
  const target: DatabaseTarget =
    databaseUrl !== undefined
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pg') };
  await seed(target);
  const port = await freePort();
  const child = await startApiProcess({
    PORT: String(port),
    KITH_DATA_DIR: dataDir,
    TRUST_PROXY_HOPS: '1',
    LOG_LEVEL: 'info',
  });
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
  let address = 0;
  // Every request from its own address, as many people logging in would be,
  // so the per-address limits do not turn the run into a 429 benchmark.
  const nextAddress = () => {
    address++;
    return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
  };

  async function logIn(index: number): Promise<string> {
    const response = await pool.request({
      method: 'POST',
      path: '/v1/auth/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
      body: JSON.stringify({
        username: `bench_${index % USERS}`,
        password: PASSWORD,
        session: 'bearer',
      }),
    });
    const body = (await response.body.json()) as { token?: string };
    if (response.statusCode !== 200 || body.token === undefined) {
      throw new Error(`login answered ${response.statusCode}: ${JSON.stringify(body)}`);
    }
    return body.token;
  }

  try {
    const results: string[] = [];
    const hash = await hashPassword(PASSWORD);
    for (const concurrency of [1, 2, 4]) {
      const argon = await load(
        `argon2id verify alone, in process, ${concurrency} at a time`,
        100,
        concurrency,
        ownCpu,
        async () => {
          if (!(await verifyPassword(hash, PASSWORD))) throw new Error('verify failed');
        },
      );
      results.push(report(argon));
    }
    const serverCpu = processCpu(child.pid ?? 0);
    await load('warm-up', 40, 4, serverCpu, async (index) => {
      await logIn(index);
    });
    for (const concurrency of CONCURRENCY_LEVELS) {
      const measurement = await load(
        `\`POST /v1/auth/login\`, ${concurrency} in flight`,
        LOGINS_PER_LEVEL,
        concurrency,
        serverCpu,
        async (index) => {
          await logIn(index);
        },
      );
      results.push(report(measurement));
    }
    const token = await logIn(0);
    const account = await load(
      '`GET /v1/account` (bearer), 16 in flight',
      4000,
      16,
      serverCpu,
      async () => {
        const response = await pool.request({
          method: 'GET',
          path: '/v1/account',
          headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '10.255.0.1' },
        });
        await response.body.dump();
        if (response.statusCode !== 200) throw new Error(`account answered ${response.statusCode}`);
      },
    );
    results.push(report(account));

    console.log(
      `Database: ${target.kind}; Node ${process.version}; ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}); load average at start ${loadAtStart}, at end ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    console.log(`UV_THREADPOOL_SIZE: ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}\n`);
    console.log('| what | per second | p50 | p99 | CPU per operation |');
    console.log('|---|---|---|---|---|');
    for (const line of results) console.log(line);
  } finally {
    await pool.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
