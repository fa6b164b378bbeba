// Percentiles of a set of latencies, and how the benchmarks print them.

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles of latencies in microseconds (sorts a copy). */
export function summarize(latenciesMicros: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(latenciesMicros).sort();
  const count = sorted.length;
  if (count === 0) return { count, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const at = (p: number) => sorted[Math.min(count - 1, Math.ceil((p / 100) * count) - 1)]!;
  return { count, p50: at(50), p99: at(99), max: sorted[count - 1]! };
}

export function formatMicros(micros: number): string {
  return micros >= 1000 ? `${(micros / 1000).toFixed(2)} ms` : `${micros.toFixed(0)} µs`;
}

export function formatSummary(summary: LatencySummary): string {
  return `p50 ${formatMicros(summary.p50)}, p99 ${formatMicros(summary.p99)}, max ${formatMicros(summary.max)}`;
}
