/** When each signing key signs, how long it stays published, and when a new one is due. */
export interface KeyRotationTimes {
  /** A key older than this is replaced: the next key is created (and published) then. */
  readonly rotateAfterMs: number;
  /**
   * A new key is published this long before it signs, so verifiers that cache
   * the JWKS (SpacetimeDB refetches after 5 minutes) already hold it when the
   * first token signed by it arrives.
   */
  readonly publishAheadMs: number;
  /** Tokens live this long; a retired key stays published until the last one expires. */
  readonly tokenLifetimeMs: number;
  /** Extra time for verifiers whose clocks run behind. */
  readonly clockSkewMs: number;
}

export interface DatedKey {
  readonly kid: string;
  readonly createdAt: number;
}

export interface KeyRotationPlan {
  /** The key that signs now, or undefined when there is no key at all yet. */
  readonly signerKid: string | undefined;
  /** A new key must be created now. */
  readonly createKey: boolean;
  /** Keys whose tokens have all expired: no longer published, deleted. */
  readonly dropKids: readonly string[];
}

/**
 * Decides, from creation times alone, which key signs, whether to create the
 * next one and which to forget. Keys are ordered by creation time.
 *
 * Example (rotateAfter 30 d, publishAhead 1 h, tokens 15 min): key A made on
 * day 0 signs until day 30 + 1 h; key B is made on day 30, published at once,
 * and signs from day 30 + 1 h; A is dropped at day 30 + 1 h + 15 min + skew.
 */
export function planKeyRotation(
  keys: readonly DatedKey[],
  nowMs: number,
  times: KeyRotationTimes,
): KeyRotationPlan {
  const sorted = [...keys].sort((a, b) => a.createdAt - b.createdAt || a.kid.localeCompare(b.kid));
  const newest = sorted.at(-1);
  const createKey = newest === undefined || nowMs - newest.createdAt >= times.rotateAfterMs;
  const activatesAt = (key: DatedKey) => key.createdAt + times.publishAheadMs;
  const matured = sorted.filter((key) => activatesAt(key) <= nowMs);
  // On a fresh start no key has been published ahead: the oldest one signs at once.
  const signer = matured.at(-1) ?? sorted[0];
  const dropKids: string[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const key = sorted[i] as DatedKey;
    const successor = sorted[i + 1] as DatedKey;
    const lastTokenExpires = activatesAt(successor) + times.tokenLifetimeMs + times.clockSkewMs;
    if (key !== signer && lastTokenExpires <= nowMs) dropKids.push(key.kid);
  }
  return { signerKid: signer?.kid, createKey, dropKids };
}
