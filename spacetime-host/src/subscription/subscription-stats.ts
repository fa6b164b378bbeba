/**
 * Work counters, cumulative since the engine was created: tests assert on
 * them (how much a commit cost) instead of on times.
 */
export interface SubscriptionStats {
  commits: number;
  /** Distinct queries evaluated against a commit's changes (shared queries count once). */
  queriesEvaluated: number;
  /** Rows or joined pairs a WHERE was evaluated on while processing commits. */
  rowsTested: number;
  /** Index reads while processing commits (join lookups, join-edge routing). */
  indexLookups: number;
  /** Full reads of a table's or view's rows while processing commits (a join side without index). */
  sourceScans: number;
  /** View materialisations recomputed because a commit touched what they read. */
  viewsRecomputed: number;
  /** (query set, query) pairs that received rows in a commit. */
  deliveries: number;
}

export function emptyStats(): SubscriptionStats {
  return {
    commits: 0,
    queriesEvaluated: 0,
    rowsTested: 0,
    indexLookups: 0,
    sourceScans: 0,
    viewsRecomputed: 0,
    deliveries: 0,
  };
}
