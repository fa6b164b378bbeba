// Measures the OIDC issuer and media uploads: ID token signing in process and
// through POST /v1/auth/token, and upload throughput for 1 MB JPEG photos through
// POST /v1/media (decode, re-encode, thumbnail, BlurHash, store, record and
// queue), on PGlite (or PostgreSQL when DATABASE_URL is set) with local files
// and with S3 (s3rver on 127.0.0.1). Server and load share this process.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { sniffMediaFormat } from '../src/media/media-format.js';
import { DEFAULT_MEDIA_LIMITS } from '../src/media/media-limits.js';
import { createMediaRoutes } from '../src/media/media-routes.js';
import { processImage } from '../src/media/process-image.js';
import { createLocalMediaRoutes } from '../src/media/serve-local-media-routes.js';
import { createOidc } from '../src/oidc/create-oidc.js';
import { LocalMediaStorage } from '../src/storage/local-media-storage.js';
import type { MediaStorage } from '../src/storage/media-storage.js';
import { S3MediaStorage } from '../src/storage/s3-media-storage.js';
import { photoLikeJpeg } from '../test/media/support/make-media.js';
import { signedInUser, silentLogger, testApp } from '../test/media/support/media-test-app.js';
import { startS3TestServer } from '../test/media/support/s3-test-server.js';
import { openTestDatabase } from '../test/media/support/test-database.js';

const TOKENS_IN_PROCESS = 5000;
const TOKENS_OVER_HTTP = 2000;
const UPLOADS = 60;
const CONCURRENCY_LEVELS = [1, 2, 4];
const UNLIMITED = { bucket: 'bench-media', limit: Number.MAX_SAFE_INTEGER, windowSeconds: 600 };

interface Measurement {
  readonly label: string;
  readonly count: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly bytes?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function row(m: Measurement): string {
  const sorted = [...m.latenciesMs].sort((a, b) => a - b);
  const rate = m.count / m.seconds;
  const mbps =
    m.bytes === undefined ? '' : ` | ${(m.bytes / m.seconds / 1024 / 1024).toFixed(1)} MB/s`;
  return `| ${m.label} | ${m.count} | ${rate.toFixed(1)}/s${mbps} | ${percentile(sorted, 50).toFixed(2)} ms | ${percentile(sorted, 99).toFixed(2)} ms | ${sorted.at(-1)?.toFixed(2)} ms |`;
}

async function load(
  label: string,
  count: number,
  concurrency: number,
  task: () => Promise<void>,
  bytesEach?: number,
): Promise<Measurement> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const begin = performance.now();
        await task();
        latenciesMs.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { label, count, seconds, latenciesMs, ...(bytesEach ? { bytes: bytesEach * count } : {}) };
}

async function serve(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const database = await openTestDatabase(kind);
const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-bench-'));
const tokenLines: string[] = [];
const uploadLines: string[] = [];
try {
  // Tokens.
  const oidc = await createOidc({
    config: { signingKeys: undefined, keyRotationDays: 30 },
    dataDir,
    publicUrl: 'http://127.0.0.1:8080',
  });
  const user = { id: '5b0c3f0e-8a61-4d1e-9a39-2a6f2b8f0c11', username: 'alice', isAdmin: false };
  await load('warm-up', 500, 1, async () => void (await oidc.tokens.issueIdToken(user)));
  tokenLines.push(
    row(
      await load(
        'issueIdToken (in process)',
        TOKENS_IN_PROCESS,
        1,
        async () => void (await oidc.tokens.issueIdToken(user)),
      ),
    ),
  );
  const alice = await signedInUser(database.db, 'alice');
  const tokenServer = await serve(testApp(database.db, oidc.routes));
  const postToken = async () => {
    const response = await fetch(`${tokenServer.url}/v1/auth/token`, {
      method: 'POST',
      headers: { authorization: alice.authorization },
    });
    if (response.status !== 200) throw new Error(`POST /v1/auth/token: ${response.status}`);
    await response.arrayBuffer();
  };
  await load('warm-up', 200, 1, postToken);
  for (const concurrency of [1, 8]) {
    tokenLines.push(
      row(
        await load(
          `POST /v1/auth/token, ${concurrency} at a time`,
          TOKENS_OVER_HTTP,
          concurrency,
          postToken,
        ),
      ),
    );
  }
  await tokenServer.close();

  // Uploads.
  const photo = await photoLikeJpeg(2400, 1600);
  const limits = { ...DEFAULT_MEDIA_LIMITS, quotaBytes: 1024 ** 4 };
  const format = await sniffMediaFormat(photo);
  await processImage(photo, format, limits.image);
  uploadLines.push(
    row(
      await load(
        'processImage alone (decode, re-encode, thumbnail, BlurHash)',
        20,
        1,
        async () => void (await processImage(photo, format, limits.image)),
        photo.length,
      ),
    ),
  );
  const s3 = await startS3TestServer();
  const storages: [string, MediaStorage][] = [
    [
      'local files',
      new LocalMediaStorage({
        dir: path.join(dataDir, 'media'),
        publicBaseUrl: 'http://127.0.0.1:8080/media',
      }),
    ],
    [
      's3rver',
      new S3MediaStorage({
        endpoint: s3.endpoint,
        region: 'auto',
        bucket: s3.bucket,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        publicBaseUrl: 'https://media.example',
      }),
    ],
  ];
  for (const [name, storage] of storages) {
    const deps = { db: database.db, storage, limits, logger: silentLogger };
    const routes = [
      // One person makes every upload here: lift the per-person limit (30 per
      // 10 minutes) so that the figures are the server's, not the limit's. The
      // processing slots stay as shipped.
      createMediaRoutes(deps, { rateLimits: { upload: UNLIMITED, delete: UNLIMITED } }),
      ...(storage instanceof LocalMediaStorage ? [createLocalMediaRoutes(storage)] : []),
    ];
    const server = await serve(testApp(database.db, ...routes));
    const upload = async () => {
      const body = new FormData();
      body.append('file', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
      const response = await fetch(`${server.url}/v1/media`, {
        method: 'POST',
        body,
        headers: { authorization: alice.authorization },
      });
      if (response.status !== 201)
        throw new Error(`POST /v1/media: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    await load('warm-up', 4, 1, upload);
    for (const concurrency of CONCURRENCY_LEVELS) {
      uploadLines.push(
        row(
          await load(
            `1 MB JPEG upload to ${name}, ${concurrency} at a time`,
            UPLOADS,
            concurrency,
            upload,
            photo.length,
          ),
        ),
      );
    }
    await server.close();
  }
  await s3.stop();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `# ${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} × ${cpu} · load ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')} · ${kind}`,
  );
  console.log(`photo: ${photo.length} bytes, 2400×1600 JPEG`);
  console.log('| tokens | count | rate | p50 | p99 | max |');
  console.log('|---|---|---|---|---|---|');
  for (const line of tokenLines) console.log(line);
  console.log('');
  console.log('| uploads | count | rate | throughput | p50 | p99 | max |');
  console.log('|---|---|---|---|---|---|---|');
  for (const line of uploadLines) console.log(line);
} finally {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
