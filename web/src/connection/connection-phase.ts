// What the person is told about the connection, from the SDK's state: the
// first connection is "connecting", a lost one "reconnecting" until it is
// back, "failed" while the server refuses one of the views on a connection
// that is up (the rest stays live), "closed" when the SDK ended the
// connection itself and will not reconnect (only a reload helps), and "live"
// only once the data has arrived.
export type ConnectionPhase = 'connecting' | 'live' | 'reconnecting' | 'failed' | 'closed';

export interface ConnectionFacts {
  readonly isActive: boolean;
  /** Whether this page has been live before (a drop after that is a reconnect). */
  readonly wasLive: boolean;
  /** Whether every subscription has delivered its first rows. */
  readonly dataReady: boolean;
  /** Whether the server refused a subscription on the current connection. */
  readonly subscriptionFailed: boolean;
  /** Whether the SDK closed the connection itself, never to reconnect (given-up-connection.ts). */
  readonly givenUp: boolean;
}

export function connectionPhase(facts: ConnectionFacts): ConnectionPhase {
  if (!facts.isActive && facts.givenUp) return 'closed';
  if (facts.isActive && facts.subscriptionFailed) return 'failed';
  if (facts.isActive && facts.dataReady) return 'live';
  return facts.wasLive ? 'reconnecting' : 'connecting';
}

/** Whether the connection is up and the data has settled (one refused view aside). */
export function isServing(phase: ConnectionPhase): boolean {
  return phase === 'live' || phase === 'failed';
}
