import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import type { Logger } from '../logging/logger.js';
import type { DrainLock } from './drain-lock.js';
import type { ReducerCaller } from './reducer-caller.js';
import { DEFAULT_RETRY_DELAYS, type RetryDelays, retryDelayMs } from './retry-delay.js';

export interface OutboxDrainerOptions {
  readonly db: Kysely<Database>;
  readonly call: ReducerCaller;
  readonly lock: DrainLock;
  readonly logger: Logger;
  readonly retryDelays?: RetryDelays;
  /** Rows read per round. */
  readonly batchSize?: number;
  /** Look for rows queued by other instances this often, even when not woken. */
  readonly pollIntervalMs?: number;
  readonly nowMs?: () => number;
}

export interface DrainReport {
  readonly delivered: number;
  readonly refused: number;
  /** The queue's head could not be delivered and waits until then. */
  readonly blockedUntil: Date | undefined;
  /** More rows may be waiting right now. */
  readonly more: boolean;
  /** Another instance holds the drain lock. */
  readonly skipped: boolean;
}

/**
 * Delivers the calls queued in module_outbox to the module, in queue order:
 * a delivered call's row is deleted; a refused one is moved to
 * module_call_failures with the module's answer, for operators; when the
 * module cannot be reached the head of the queue waits (exponential back-off)
 * and nothing behind it overtakes it, so a remove_media never arrives before
 * its register_media.
 */
export class OutboxDrainer {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** wake() was called while a round ran: look again before sleeping. */
  private wokenDuringRound = false;
  private readonly nowMs: () => number;

  constructor(private readonly options: OutboxDrainerOptions) {
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Delivers what is due now, once. */
  async drainOnce(): Promise<DrainReport> {
    let report: DrainReport = {
      delivered: 0,
      refused: 0,
      blockedUntil: undefined,
      more: false,
      skipped: true,
    };
    await this.options.lock.withLock(async () => {
      report = await this.deliverBatch();
    });
    return report;
  }

  /** Keeps draining until stop(); wake() makes it look now. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.wokenDuringRound = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollIntervalMs ?? 5000;
    while (this.running) {
      this.wokenDuringRound = false;
      let waitMs = pollMs;
      try {
        const report = await this.drainOnce();
        if (report.more) waitMs = 0;
        else if (report.blockedUntil !== undefined) {
          waitMs = Math.min(pollMs, Math.max(0, report.blockedUntil.getTime() - this.nowMs()));
        }
      } catch (error) {
        // The database itself failed; try again at the next poll.
        this.options.logger.error({ err: error }, 'module outbox: draining failed');
      }
      if (waitMs > 0 && this.running && !this.wokenDuringRound) await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async deliverBatch(): Promise<DrainReport> {
    const { db, logger } = this.options;
    const batchSize = this.options.batchSize ?? 50;
    const rows = await db
      .selectFrom('moduleOutbox')
      .selectAll()
      .orderBy('id')
      .limit(batchSize)
      .execute();
    let delivered = 0;
    let refused = 0;
    for (const row of rows) {
      if (row.nextAttemptAt.getTime() > this.nowMs()) {
        return { delivered, refused, blockedUntil: row.nextAttemptAt, more: false, skipped: false };
      }
      const outcome = await this.options.call(row.reducer, row.args);
      if (outcome.kind === 'delivered') {
        await db.deleteFrom('moduleOutbox').where('id', '=', row.id).execute();
        delivered++;
      } else if (outcome.kind === 'refused') {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('moduleCallFailures')
            .values({
              id: row.id,
              reducer: row.reducer,
              args: JSON.stringify(row.args),
              createdAt: row.createdAt,
              attempts: row.attempts + 1,
              error: outcome.error,
            })
            .execute();
          await trx.deleteFrom('moduleOutbox').where('id', '=', row.id).execute();
        });
        logger.error(
          { outboxId: row.id, reducer: row.reducer, error: outcome.error },
          'module refused a queued call; set aside in module_call_failures',
        );
        refused++;
      } else {
        const attempts = row.attempts + 1;
        const next = new Date(
          this.nowMs() + retryDelayMs(attempts, this.options.retryDelays ?? DEFAULT_RETRY_DELAYS),
        );
        await db
          .updateTable('moduleOutbox')
          .set({ attempts, lastError: outcome.error, nextAttemptAt: next })
          .where('id', '=', row.id)
          .execute();
        logger.warn(
          { outboxId: row.id, reducer: row.reducer, attempts, retryAt: next, error: outcome.error },
          'module not reachable; will retry',
        );
        return { delivered, refused, blockedUntil: next, more: false, skipped: false };
      }
    }
    return {
      delivered,
      refused,
      blockedUntil: undefined,
      more: rows.length === batchSize,
      skipped: false,
    };
  }
}
