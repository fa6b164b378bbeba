// Phase 1 of realtime.ts: the host process's memory before and after
// `connections` SDK clients connect, subscribe to `message` and stay idle.
import { splitClients, startClientProcesses } from './client-processes.js';

export interface IdleMemoryOptions {
  readonly url: string;
  readonly database: string;
  readonly connections: number;
  readonly processes: number;
}

export interface IdleMemoryFigures {
  readonly connections: number;
  readonly openSeconds: number;
  readonly before: NodeJS.MemoryUsage;
  readonly after: NodeJS.MemoryUsage;
  /** Whether a full GC ran before each reading (node --expose-gc). */
  readonly collected: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

export async function measureIdleMemory(options: IdleMemoryOptions): Promise<IdleMemoryFigures> {
  const { url, database, connections } = options;
  // One connection first, so that the database's hub and engine and the code
  // they run exist before the first reading.
  const warm = await startClientProcesses(url, database, [{ kind: 'idle', clients: 1 }]);
  await warm.stop();
  const before = await settledMemory();
  const opened = performance.now();
  const running = await startClientProcesses(
    url,
    database,
    splitClients(connections, options.processes).map((clients) => ({
      kind: 'idle' as const,
      clients,
    })),
  );
  const openSeconds = (performance.now() - opened) / 1000;
  const after = await settledMemory();
  await running.stop();
  return { connections, openSeconds, before, after, collected: gc !== undefined };
}

async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  gc?.();
  gc?.();
  return process.memoryUsage();
}
