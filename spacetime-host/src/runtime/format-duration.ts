/**
 * Formats a duration the way Rust's `Debug for Duration` does (`1.5ms`,
 * `12.3µs`, `2.000001s`), which is what SpacetimeDB's timing-span log lines show.
 */
export function formatDuration(nanoseconds: number): string {
  const ns = Math.max(0, Math.round(nanoseconds));
  if (ns >= 1e9) return `${trimDecimals(ns / 1e9, 9)}s`;
  if (ns >= 1e6) return `${trimDecimals(ns / 1e6, 6)}ms`;
  if (ns >= 1e3) return `${trimDecimals(ns / 1e3, 3)}µs`;
  return `${ns}ns`;
}

function trimDecimals(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.?0+$/, '');
}
