// Client process for realtime.ts: official `spacetimedb` SDK connections (the
// chat fixture's bindings) running one job against the host, in their own
// process so that they do not share the host's event loop. Started with fork();
// see realtime-messages.ts for what it is told and what it answers.
import {
  connectSdk,
  type Row,
  type SdkClient,
  subscribeSdk,
} from '../test/realtime/support/sdk-client.js';
import {
  type ChildMessage,
  type ClientJob,
  fanoutText,
  type ParentMessage,
  parseFanoutText,
} from './realtime-messages.js';

/** Connections opened at once: enough to be quick, few enough not to time out the handshakes. */
const CONNECT_CONCURRENCY = 32;
const MESSAGE_QUERY = 'SELECT * FROM message';

const send = (message: ChildMessage) => process.send!(message);
const { url, database, job } = await new Promise<Extract<ParentMessage, { type: 'job' }>>(
  (resolve) => process.once('message', (message: ParentMessage) => resolve(message as never)),
);
const cpuAtStart = process.cpuUsage();
const cpuMicros = () => {
  const used = process.cpuUsage(cpuAtStart);
  return used.user + used.system;
};

const clients = await connectAll(job.kind === 'caller' ? 1 : job.clients);
const finish = onReadyRun(job);
send({ type: 'ready' });
const stop = new Promise<void>((resolve) =>
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') resolve();
  }),
);
await stop;
const figures = await finish();
if (figures !== undefined) send(figures);
for (const client of clients) client.conn.disconnect();
await Promise.all(clients.map((client) => client.disconnected));
send({ type: 'stopped' });
process.disconnect();

async function connectAll(count: number): Promise<SdkClient[]> {
  const subscribe = job.kind === 'receivers' || job.kind === 'idle';
  const opened: SdkClient[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(count, CONNECT_CONCURRENCY) }, async () => {
      while (next < count) {
        const index = next++;
        const client = await connectSdk(url, database, {
          ...('confirmedReads' in job && { confirmedReads: job.confirmedReads }),
        });
        if (subscribe) await subscribeSdk(client, [MESSAGE_QUERY]);
        opened[index] = client;
      }
    }),
  );
  return opened;
}

/** Sets the job up; the returned function, called on 'stop', gives its figures. */
function onReadyRun(job: ClientJob): () => Promise<ChildMessage | undefined> {
  switch (job.kind) {
    case 'idle':
      return async () => undefined;
    case 'receivers':
      return receive();
    case 'round-trips': {
      const result = waitForGo().then(() => roundTrips(job.clients, job.warmupMs, job.durationMs));
      return () => result;
    }
    case 'caller': {
      const result = waitForGo().then(() => callAtInterval(job.calls, job.intervalMs));
      return () => result;
    }
  }
}

function waitForGo(): Promise<void> {
  return new Promise((resolve) =>
    process.on('message', (message: ParentMessage) => {
      if (message.type === 'go') resolve();
    }),
  );
}

/** Each client in a loop: call, wait for the ReducerResult, call again. */
async function roundTrips(
  count: number,
  warmupMs: number,
  durationMs: number,
): Promise<ChildMessage> {
  const latencies: number[] = [];
  const measureFrom = performance.now() + warmupMs;
  const end = measureFrom + durationMs;
  let cpuAtMeasure = 0;
  const cpuTimer = setTimeout(() => {
    cpuAtMeasure = cpuMicros();
  }, warmupMs);
  await Promise.all(
    clients.slice(0, count).map(async (client) => {
      const sendMessage = client.conn.reducers.sendMessage!;
      for (;;) {
        const t0 = performance.now();
        if (t0 >= end) return;
        await sendMessage({ text: 'round trip' });
        if (t0 >= measureFrom) latencies.push((performance.now() - t0) * 1000);
      }
    }),
  );
  clearTimeout(cpuTimer);
  return {
    type: 'round-trips',
    calls: latencies.length,
    seconds: durationMs / 1000,
    latenciesMicros: Float64Array.from(latencies),
    cpuMicros: cpuMicros() - cpuAtMeasure,
  };
}

/**
 * Open loop: call `n` starts `intervalMs * n` after the first, whether or not
 * earlier rows have arrived everywhere, so a slow delivery cannot hide later ones.
 */
async function callAtInterval(calls: number, intervalMs: number): Promise<ChildMessage> {
  const sendMessage = clients[0]!.conn.reducers.sendMessage!;
  const latencies = new Float64Array(calls);
  const started = performance.now();
  const cpuBefore = cpuMicros();
  const pending: Promise<void>[] = [];
  for (let sequence = 0; sequence < calls; sequence++) {
    const wait = started + sequence * intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const t0 = performance.now();
    pending.push(
      sendMessage({ text: fanoutText(sequence, process.hrtime.bigint()) }).then(() => {
        latencies[sequence] = (performance.now() - t0) * 1000;
      }),
    );
  }
  await Promise.all(pending);
  return { type: 'calls', latenciesMicros: latencies, cpuMicros: cpuMicros() - cpuBefore };
}

/** Times every fan-out row each client sees, from the caller's clock reading in its text. */
function receive(): () => Promise<ChildMessage> {
  const sequence: number[] = [];
  const latencies: number[] = [];
  const cpuBefore = cpuMicros();
  for (const client of clients) {
    client.conn.db.message!.onInsert((_ctx, row: Row) => {
      const arrived = process.hrtime.bigint();
      const fanout = parseFanoutText(row.text as string);
      if (fanout === undefined) return;
      sequence.push(fanout.sequence);
      latencies.push(Number(arrived - fanout.sentNanos) / 1000);
    });
  }
  return async () => ({
    type: 'arrivals',
    sequence: Uint32Array.from(sequence),
    latenciesMicros: Float64Array.from(latencies),
    cpuMicros: cpuMicros() - cpuBefore,
  });
}
