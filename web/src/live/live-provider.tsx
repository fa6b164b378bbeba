// Builds the live data for the signed-in app on the connection above it.
import type { DbConnection } from '@kith/shared/module-bindings';
import { createEffect, createMemo, createSignal, type JSX } from 'solid-js';
import { useSpacetimeDB } from 'spacetimedb/solid';
import { connectionPhase } from '../connection/connection-phase';
import { useGivenUpConnection } from '../connection/given-up-connection';
import { createAct } from './act';
import { LiveContext } from './live-context';
import { createLiveData } from './live-data';
import { useLiveTables } from './live-tables';

export function LiveProvider(props: { readonly children: JSX.Element }) {
  const connection = useSpacetimeDB();
  const tables = useLiveTables();
  const data = createLiveData(tables);
  const [wasLive, setWasLive] = createSignal(false);
  const givenUp = useGivenUpConnection(connection);
  const phase = createMemo(() =>
    connectionPhase({
      isActive: connection.isActive,
      wasLive: wasLive(),
      dataReady: tables.ready(),
      subscriptionFailed: tables.failures().length > 0,
      givenUp: givenUp(),
    }),
  );
  createEffect(() => {
    if (phase() === 'live') setWasLive(true);
  });
  const act = createAct(() =>
    connection.isActive
      ? ((connection.getConnection() as DbConnection | null) ?? undefined)
      : undefined,
  );
  return (
    <LiveContext.Provider
      value={{
        data,
        act,
        phase,
        subscriptionFailures: tables.failures,
        retrySubscriptions: () => tables.retryFailed(),
      }}
    >
      {props.children}
    </LiveContext.Provider>
  );
}
