// Forks realtime-clients.ts processes, one per job, and drives them together:
// wait until all are connected, start the measurement, stop and collect.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ClientJob, ParentMessage } from './realtime-messages.js';

type Figures = Exclude<ChildMessage, { type: 'ready' } | { type: 'stopped' }>;

export interface ClientProcesses {
  /** Starts the measured part in every process (round trips, the caller's calls). */
  go(): void;
  /** Resolves with each process's figures, in job order, once they have disconnected and exited. */
  stop(): Promise<Figures[]>;
}

const script = fileURLToPath(new URL('./realtime-clients.ts', import.meta.url));
/** Extra node flags for the client processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const extraNodeArgs = process.env.BENCH_CLIENT_NODE_ARGS?.split(' ').filter(Boolean) ?? [];

/** Resolves once every process has connected (and subscribed) its clients. */
export async function startClientProcesses(
  url: string,
  database: string,
  jobs: readonly ClientJob[],
): Promise<ClientProcesses> {
  const children = jobs.map((job) => {
    const child = fork(script, [], {
      execArgv: ['--import', 'tsx', ...extraNodeArgs],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const failed = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) =>
        reject(new Error(`client process (${job.kind}) exited early: ${code ?? signal}`)),
      );
    });
    // Every process exits in the end; only a race that is still waiting hears of it.
    failed.catch(() => {});
    child.send({ type: 'job', url, database, job } satisfies ParentMessage);
    return { child, failed };
  });
  const next = <T extends ChildMessage>(
    child: ChildProcess,
    wanted: (message: ChildMessage) => message is T,
  ) =>
    new Promise<T>((resolve) => {
      const listener = (message: ChildMessage) => {
        if (!wanted(message)) return;
        child.off('message', listener);
        resolve(message);
      };
      child.on('message', listener);
    });
  const race = <T>(index: number, promise: Promise<T>) =>
    Promise.race([promise, children[index]!.failed]);
  try {
    await Promise.all(
      children.map(({ child }, index) => race(index, next(child, isType('ready')))),
    );
  } catch (error) {
    for (const { child } of children) child.kill();
    throw error;
  }
  return {
    go() {
      for (const { child } of children) child.send({ type: 'go' } satisfies ParentMessage);
    },
    async stop() {
      const results = children.map(({ child }, index) => {
        const figures = jobs[index]!.kind === 'idle' ? undefined : next(child, isFigures);
        const stopped = next(child, isType('stopped'));
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'stop' } satisfies ParentMessage);
        return race(index, stopped).then(async () => {
          await exited;
          return figures;
        });
      });
      const collected = await Promise.all(results);
      const all: Figures[] = [];
      for (const figures of collected) {
        if (figures !== undefined) all.push(await figures);
      }
      return all;
    },
  };
}

function isFigures(message: ChildMessage): message is Figures {
  return message.type !== 'ready' && message.type !== 'stopped';
}

function isType<T extends ChildMessage['type']>(type: T) {
  return (message: ChildMessage): message is Extract<ChildMessage, { type: T }> =>
    message.type === type;
}

/** `total` clients as `processes` near-equal positive counts (fewer processes if there are fewer clients). */
export function splitClients(total: number, processes: number): number[] {
  const count = Math.max(1, Math.min(processes, total));
  return Array.from(
    { length: count },
    (_, index) => Math.floor((total * (index + 1)) / count) - Math.floor((total * index) / count),
  );
}

/** The figures of one kind among those `stop()` returned. */
export function figuresOf<T extends ChildMessage['type']>(
  figures: readonly ChildMessage[],
  type: T,
): Extract<ChildMessage, { type: T }>[] {
  return figures.filter(
    (figure): figure is Extract<ChildMessage, { type: T }> => figure.type === type,
  );
}
