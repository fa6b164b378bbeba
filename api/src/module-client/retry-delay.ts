export interface RetryDelays {
  readonly firstMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY_DELAYS: RetryDelays = { firstMs: 1000, maxMs: 5 * 60_000 };

/**
 * Exponential back-off after the `attempt`-th failure (1, 2, 4 … seconds up to
 * the maximum), with up to 20% random spread so instances that failed
 * together do not all come back together.
 */
export function retryDelayMs(attempt: number, delays: RetryDelays, random = Math.random): number {
  const exponential = delays.firstMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30);
  const capped = Math.min(exponential, delays.maxMs);
  return Math.round(capped * (0.8 + 0.2 * random()));
}
