// Times, inside the host, what follows each committed transaction: how long
// it waits to be durable (the commit log's group-commit fdatasync, which a
// confirmed-read update waits for), and how long the host stays busy in the
// event-loop turns of the commit and of its durability (where the updates for
// every subscriber are encoded and written to their sockets).
import type { CommitListener } from '../src/database/index.js';
import { type LatencySummary, summarize } from './latency-summary.js';

export interface CommitSource {
  onCommit(listener: CommitListener): () => void;
}

export interface CommitFigures {
  /** Commit → durable. */
  readonly sync: LatencySummary;
  /** Commit → the end of its turn (unconfirmed reads: every subscriber's update written). */
  readonly commitTurn: LatencySummary;
  /** Durable → the end of that turn (confirmed reads: every subscriber's update written). */
  readonly durableTurn: LatencySummary;
}

export interface CommitMeter {
  /** Stops listening; resolves once the transactions heard so far are durable. */
  done(): Promise<CommitFigures>;
}

export function measureCommits(database: CommitSource): CommitMeter {
  const sync: number[] = [];
  const commitTurn: number[] = [];
  const durableTurn: number[] = [];
  const pending: Promise<void>[] = [];
  // setImmediate runs after the current turn's callbacks and microtasks, the
  // subscribers' send queues among them.
  const untilTurnEnds = (from: number, into: number[]) =>
    new Promise<void>((resolve) =>
      setImmediate(() => {
        into.push((performance.now() - from) * 1000);
        resolve();
      }),
    );
  const stop = database.onCommit((_changes, durable) => {
    const committed = performance.now();
    pending.push(untilTurnEnds(committed, commitTurn));
    pending.push(
      durable.then(
        () => {
          const now = performance.now();
          sync.push((now - committed) * 1000);
          return untilTurnEnds(now, durableTurn);
        },
        () => {},
      ),
    );
  });
  return {
    async done() {
      stop();
      await Promise.all(pending);
      return {
        sync: summarize(sync),
        commitTurn: summarize(commitTurn),
        durableTurn: summarize(durableTurn),
      };
    },
  };
}
