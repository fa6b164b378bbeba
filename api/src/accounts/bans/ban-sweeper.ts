import type { Logger } from '../../logging/logger.js';

/**
 * How long a session made before a ban keeps working at most (besides the
 * routes that ask the module themselves: login and ID tokens). One small
 * query to the module per round.
 */
export const BAN_SWEEP_EVERY_MS = 30_000;

/**
 * Runs the ban sweep every interval, one round at a time, until stop(), which
 * waits for a round under way so the database is not closed beneath it.
 * A round that fails is logged and the next one runs as planned.
 */
export class BanSweeper {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    private readonly sweep: () => Promise<unknown>,
    private readonly logger: Logger,
    private readonly intervalMs = BAN_SWEEP_EVERY_MS,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.runRound(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }

  private runRound(): void {
    // A round slower than the interval (a hung database) is not stacked on.
    if (this.round !== undefined) return;
    this.round = this.sweep()
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ err: error }, 'ban sweep failed'),
      )
      .finally(() => {
        this.round = undefined;
      });
  }
}
