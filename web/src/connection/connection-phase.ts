// What the person is told about the connection, from the SDK's state: the
// first connection is "connecting", a lost one "reconnecting" until it is
// back, and "live" only once the data has arrived.
export type ConnectionPhase = 'connecting' | 'live' | 'reconnecting';

export interface ConnectionFacts {
  readonly isActive: boolean;
  /** Whether this page has been live before (a drop after that is a reconnect). */
  readonly wasLive: boolean;
  /** Whether every subscription has delivered its first rows. */
  readonly dataReady: boolean;
}

export function connectionPhase(facts: ConnectionFacts): ConnectionPhase {
  if (facts.isActive && facts.dataReady) return 'live';
  return facts.wasLive ? 'reconnecting' : 'connecting';
}
