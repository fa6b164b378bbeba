// Whether the SDK closed the connection itself and will not open another.
// It does so when a view it was already following fails at the server (a
// deploy broke the view): it cannot take that view's rows out of its cache,
// so it disconnects, and a connection closed on request is never
// reconnected. Without this the page would say "Reconnecting…" for good.
//
// The SDK also closes a connection on request when a resumed tab finds its
// socket dead, but then builds a new one at once. So the verdict waits until
// the SDK has finished reacting to the drop (the end of the current task):
// given up means no connection is left and the last one was closed on request.
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';
import type { useSpacetimeDB } from 'spacetimedb/solid';

type ConnectionState = ReturnType<typeof useSpacetimeDB>;

interface SdkConnection {
  readonly isDisconnectRequested: boolean;
}

export function useGivenUpConnection(connection: ConnectionState): Accessor<boolean> {
  const [givenUp, setGivenUp] = createSignal(false);
  let last: SdkConnection | null = null;
  createEffect(() => {
    // Each change of state (a drop, a failed attempt) is a moment to look again.
    void connection.connectionError;
    if (connection.isActive) {
      last = connection.getConnection();
      setGivenUp(false);
      return;
    }
    const look = setTimeout(() => {
      const current: SdkConnection | null = connection.getConnection();
      if (current !== null) last = current;
      // The page never asks the SDK to disconnect while it is shown (signing
      // out unmounts it), so a requested disconnect is the SDK's own.
      setGivenUp(current === null && last?.isDisconnectRequested === true);
    }, 0);
    onCleanup(() => clearTimeout(look));
  });
  return givenUp;
}
