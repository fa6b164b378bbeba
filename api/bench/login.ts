// Measures login throughput and latency over HTTP, and what asking the module
// about bans adds to a login and to an ID token. The API runs in child
// processes (as `npm start -w api` runs it), each on a fresh PGlite folder, or
// on PostgreSQL when DATABASE_URL is set; this process sends the load. Each
// login verifies an argon2id hash (19 MiB, 2 passes) and writes a session, so
// the figures are bound by argon2; the bench also times argon2 alone and a
// cheap authenticated route for comparison.
//
// Two APIs run side by side and take turns, so their ratio is measured under
// the same load: "module up" asks the Kith module, published on a local
// spacetime-host in a third process, exactly as production does; "module
// down" points at a closed port, so every ban check fails at once (connection
// refused) and lets the person in, which is what the API cost before the
// check. A third API points at a server that never answers, to show what a
// hung module costs a login (the check's 2 s timeout).
//
// CPU per operation (the measured process's, all threads) is printed too: on
// a shared machine it moves less than the rates do.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { configureModuleAuth } from '../../scripts/src/configure-module-auth.js';
import { hashPassword, verifyPassword } from '../src/accounts/passwords/password-hasher.js';
import { type DatabaseTarget, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { createBanCheck } from '../src/module-client/create-ban-check.js';
import { createOidc } from '../src/oidc/create-oidc.js';

const USERS = 200;
const PASSWORD = 'benchmark password 1234';
const LOGINS_PER_LEVEL = 400;
const CONCURRENCY_LEVELS = [1, 4, 16, 64];
const TOKENS_PER_LEVEL = 2000;
const BAN_CHECKS_PER_LEVEL = 2000;
const HUNG_LOGINS = 8;
const MODULE_DATABASE = 'kith';
/** What ModuleBanCheck logs when it lets someone in unasked. */
const BAN_CHECK_WARNING = 'could not ask the module whether the account is banned';
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

interface Summary {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpu: number;
}

function summarise(measurement: Measurement): Summary {
  const sorted = [...measurement.latenciesMs].sort((a, b) => a - b);
  return {
    rate: measurement.count / measurement.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpu: measurement.cpuMsPerOp,
  };
}

function report(measurement: Measurement): string {
  const s = summarise(measurement);
  const digits = s.p50 < 10 ? 2 : 1;
  return `| ${measurement.label} | ${s.rate.toFixed(1)} | ${s.p50.toFixed(digits)} ms | ${s.p99.toFixed(digits)} ms | ${s.cpu.toFixed(2)} ms |`;
}

/**
 * One row of "module up ÷ module down" for the same work measured in turn,
 * with the CPU the module's host spent per operation beside the API's.
 */
function ratio(label: string, pair: MeasuredInTurn): string {
  const u = summarise(pair.up);
  const d = summarise(pair.down);
  const apiCpuDelta = u.cpu - d.cpu;
  return `| ${label} | ${(u.rate / d.rate).toFixed(2)} | ${(u.p50 / d.p50).toFixed(2)} | ${(u.p99 / d.p99).toFixed(2)} | ${(u.cpu / d.cpu).toFixed(2)} (${apiCpuDelta >= 0 ? '+' : '−'}${Math.abs(apiCpuDelta).toFixed(2)} ms) | ${pair.hostCpuMsPerOp.toFixed(2)} ms |`;
}

interface MeasuredInTurn {
  readonly up: Measurement;
  readonly down: Measurement;
  /** CPU the module's host spent per operation of the "module up" run. */
  readonly hostCpuMsPerOp: number;
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

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface ModuleHost {
  readonly url: string;
  readonly ownerToken: string;
  readonly cpu: CpuClock;
  close(): Promise<void>;
}

/** spacetime-host with the module published, in its own process (bench/module-host-process.ts). */
async function startModuleHost(dataDir: string): Promise<ModuleHost> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/module-host-process.ts', dataDir, String(await freePort())],
    { cwd: apiDir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the module host exited with ${code}`)));
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        if (line.startsWith('ready ')) resolve(line.slice('ready '.length));
      });
    });
    const ownerToken = (await readFile(path.join(dataDir, 'owner-token'), 'utf8')).trim();
    return { url, ownerToken, cpu: processCpu(child.pid ?? 0), close: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

/** A "module" that accepts connections and never answers: a hung SpacetimeDB. */
async function startHungServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface BenchApi {
  readonly name: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly pool: Pool;
  readonly cpu: CpuClock;
  /** Ban checks it could not ask and let through (its log's warnings). */
  readonly unaskedBanChecks: () => number;
  close(): Promise<void>;
}

/**
 * Seeds a fresh database and starts the API on it, talking to the module at
 * `spacetimeUrl`. With `moduleHost`, the module is told first to trust this
 * API's tokens, as `npm start` does after each publish.
 */
async function startBenchApi(
  name: string,
  spacetimeUrl: string,
  moduleHost?: ModuleHost,
): Promise<BenchApi> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-bench-'));
  const target: DatabaseTarget =
    databaseUrl !== undefined
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pg') };
  await seed(target);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  if (moduleHost !== undefined) {
    await configureModuleAuth({
      serverUrl: moduleHost.url,
      database: MODULE_DATABASE,
      ownerToken: moduleHost.ownerToken,
      issuer: publicUrl,
      audience: 'kith',
    });
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      KITH_DATA_DIR: dataDir,
      SPACETIME_URL: spacetimeUrl,
      SPACETIME_DATABASE: MODULE_DATABASE,
      TRUST_PROXY_HOPS: '1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Read every log line (a full pipe would stall the API) and count the
  // ban checks that fell back to "let in".
  let unasked = 0;
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (line.includes(BAN_CHECK_WARNING)) unasked++;
  });
  const close = async () => {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`the ${name} API exited with ${child.exitCode}`);
      if (attempt === 600) throw new Error(`the ${name} API did not become ready`);
      const ready = await fetch(`${publicUrl}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await close();
    throw error;
  }
  const pool = new Pool(publicUrl, { connections: 64 });
  return {
    name,
    publicUrl,
    dataDir,
    pool,
    cpu: processCpu(child.pid ?? 0),
    unaskedBanChecks: () => unasked,
    async close() {
      await pool.close();
      await close();
    },
  };
}

let address = 0;
// Every request from its own address, as many people logging in would be,
// so the per-address limits do not turn the run into a 429 benchmark.
function nextAddress(): string {
  address++;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

async function logIn(api: BenchApi, index: number): Promise<string> {
  const response = await api.pool.request({
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
    throw new Error(`login (${api.name}) answered ${response.statusCode}: ${JSON.stringify(body)}`);
  }
  return body.token;
}

async function renewToken(api: BenchApi, sessionToken: string): Promise<void> {
  const response = await api.pool.request({
    method: 'POST',
    path: '/v1/auth/token',
    headers: { authorization: `Bearer ${sessionToken}`, 'x-forwarded-for': '10.255.0.2' },
  });
  await response.body.dump();
  if (response.statusCode !== 200) {
    throw new Error(`POST /v1/auth/token (${api.name}) answered ${response.statusCode}`);
  }
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

async function main(): Promise<void> {
  const loadAtStart = loadAverage();
  const closers: (() => Promise<void>)[] = [];
  try {
    const hostDir = await mkdtemp(path.join(tmpdir(), 'kith-bench-stdb-'));
    closers.push(() => rm(hostDir, { recursive: true, force: true }));
    const moduleHost = await startModuleHost(hostDir);
    closers.push(() => moduleHost.close());
    const hung = await startHungServer();
    closers.push(() => hung.close());
    const up = await startBenchApi('module up', moduleHost.url, moduleHost);
    closers.push(() => up.close());
    const down = await startBenchApi('module down', `http://127.0.0.1:${await freePort()}`);
    closers.push(() => down.close());
    const hungApi = await startBenchApi('module hung', hung.url);
    closers.push(() => hungApi.close());

    const results: string[] = [];
    const ratios: string[] = [];
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
    for (const api of [up, down]) {
      await load('warm-up', 40, 4, api.cpu, async (index) => void (await logIn(api, index)));
    }

    // The two APIs take turns at each level, the order swapped each time, so
    // drift in the machine's load falls on both.
    const inTurn = async (
      measure: (api: BenchApi) => Promise<Measurement>,
      turn: number,
    ): Promise<MeasuredInTurn> => {
      const measureUp = async () => {
        const hostCpuBefore = await moduleHost.cpu();
        const measurement = await measure(up);
        const hostCpuMsPerOp = ((await moduleHost.cpu()) - hostCpuBefore) / measurement.count;
        return { measurement, hostCpuMsPerOp };
      };
      if (turn % 2 === 0) {
        const u = await measureUp();
        return { up: u.measurement, hostCpuMsPerOp: u.hostCpuMsPerOp, down: await measure(down) };
      }
      const d = await measure(down);
      const u = await measureUp();
      return { up: u.measurement, hostCpuMsPerOp: u.hostCpuMsPerOp, down: d };
    };
    let turn = 0;
    for (const concurrency of CONCURRENCY_LEVELS) {
      const label = `\`POST /v1/auth/login\`, ${concurrency} in flight`;
      const pair = await inTurn(
        (api) =>
          load(
            `${label}, ${api.name}`,
            LOGINS_PER_LEVEL,
            concurrency,
            api.cpu,
            async (index) => void (await logIn(api, index)),
          ),
        turn++,
      );
      results.push(report(pair.up), report(pair.down));
      ratios.push(ratio(label, pair));
    }

    const sessions = { up: await logIn(up, 0), down: await logIn(down, 0) };
    const sessionOf = (api: BenchApi) => (api === up ? sessions.up : sessions.down);
    for (const api of [up, down]) {
      await load('warm-up', 200, 4, api.cpu, () => renewToken(api, sessionOf(api)));
    }
    for (const concurrency of [1, 8]) {
      const label = `\`POST /v1/auth/token\`, ${concurrency} at a time`;
      const pair = await inTurn(
        (api) =>
          load(`${label}, ${api.name}`, TOKENS_PER_LEVEL, concurrency, api.cpu, () =>
            renewToken(api, sessionOf(api)),
          ),
        turn++,
      );
      results.push(report(pair.up), report(pair.down));
      ratios.push(ratio(label, pair));
    }

    // The check alone, from this process, with the module-up API's keys (the
    // host verifies its service token against that API's JWKS).
    let unaskedHere = 0;
    const oidc = await createOidc({
      config: { signingKeys: undefined, keyRotationDays: 30 },
      dataDir: up.dataDir,
      publicUrl: up.publicUrl,
    });
    const banCheck = createBanCheck({
      spacetimeUrl: moduleHost.url,
      spacetimeDatabase: MODULE_DATABASE,
      tokens: oidc.tokens,
      logger: createLogger({ level: 'warn', destination: { write: () => void unaskedHere++ } }),
    });
    const userId = '5b0c3f0e-8a61-4d1e-9a39-2a6f2b8f0c11';
    await load('warm-up', 200, 1, moduleHost.cpu, async () => void (await banCheck.banOf(userId)));
    for (const concurrency of [1, 8]) {
      const checks = await load(
        `\`banOf\` alone (one SQL query over HTTP), ${concurrency} at a time; CPU is the host's`,
        BAN_CHECKS_PER_LEVEL,
        concurrency,
        moduleHost.cpu,
        async () => {
          if ((await banCheck.banOf(userId)) !== undefined) throw new Error('unexpected ban');
        },
      );
      results.push(report(checks));
    }

    // Two rounds of four: the first warms the API up (JIT, argon2's threads).
    await load('warm-up', 4, 4, hungApi.cpu, async (index) => void (await logIn(hungApi, index)));
    const hungLogins = await load(
      `\`POST /v1/auth/login\`, 4 in flight, module hung (${HUNG_LOGINS} logins)`,
      HUNG_LOGINS,
      4,
      hungApi.cpu,
      async (index) => void (await logIn(hungApi, index)),
    );
    results.push(report(hungLogins));

    const account = await load(
      '`GET /v1/account` (bearer), 16 in flight, module up',
      4000,
      16,
      up.cpu,
      async () => {
        const response = await up.pool.request({
          method: 'GET',
          path: '/v1/account',
          headers: { authorization: `Bearer ${sessions.up}`, 'x-forwarded-for': '10.255.0.1' },
        });
        await response.body.dump();
        if (response.statusCode !== 200) throw new Error(`account answered ${response.statusCode}`);
      },
    );
    results.push(report(account));

    // The "module up" figures mean nothing if the checks quietly fell back.
    if (up.unaskedBanChecks() > 0 || unaskedHere > 0) {
      throw new Error(
        `${up.unaskedBanChecks() + unaskedHere} ban checks could not reach the running module`,
      );
    }

    console.log(
      `Database: ${databaseUrl !== undefined ? 'postgres' : 'pglite'}; Node ${process.version}; ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}); load average at start ${loadAtStart}, at end ${loadAverage()}`,
    );
    console.log(`UV_THREADPOOL_SIZE: ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`);
    console.log(
      `Ban checks that fell back to "let in": module up ${up.unaskedBanChecks()}, module down ${down.unaskedBanChecks()}, module hung ${hungApi.unaskedBanChecks()}\n`,
    );
    console.log('| what | per second | p50 | p99 | CPU per operation |');
    console.log('|---|---|---|---|---|');
    for (const line of results) console.log(line);
    console.log('\nModule up ÷ module down, measured in turn:\n');
    console.log(
      '| what | per second | p50 | p99 | API CPU per operation | host CPU per operation |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const line of ratios) console.log(line);
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

await main();
