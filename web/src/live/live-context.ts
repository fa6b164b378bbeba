// What every signed-in screen reads: the live data, the reducer caller, and
// the connection's phase (and, when it is "failed", which views and how to
// ask for them again).
import { type Accessor, createContext, useContext } from 'solid-js';
import type { ConnectionPhase } from '../connection/connection-phase';
import type { SubscriptionFailure } from '../connection/subscription-failure';
import type { Act } from './act';
import type { LiveData } from './live-data';

export interface Live {
  readonly data: LiveData;
  readonly act: Act;
  readonly phase: Accessor<ConnectionPhase>;
  readonly subscriptionFailures: Accessor<readonly SubscriptionFailure[]>;
  /** Subscribes again to the views the server refused; the others stay as they are. */
  retrySubscriptions(): void;
}

export const LiveContext = createContext<Live>();

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (live === undefined) throw new Error('useLive() needs a <LiveProvider> above it');
  return live;
}
