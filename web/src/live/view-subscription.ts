// One view of the module, subscribed on the page's connection and followed
// live, like spacetimedb/solid's useTable, but saying when the subscription
// failed: useTable only ever reports "not ready yet", so a view the server
// refuses would leave the page "connecting" for good. A failed view can be
// subscribed again on its own; every other view keeps its rows meanwhile.
//
// The SDK builds a new connection with an empty cache on every reconnect, so
// a view that has shown rows keeps them until its subscription on the new
// connection has applied, then swaps in the new rows (reconciled by id, so
// unchanged rows keep their identity): a reconnect never empties the page.
import { type DbConnection, type EventContext, tables } from '@kith/shared/module-bindings';
import { type Accessor, createComputed, createMemo, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { toSql } from 'spacetimedb';
import { useSpacetimeDB } from 'spacetimedb/solid';
import type { SubscriptionFailure } from '../connection/subscription-failure';
import type { RowOf } from './live-rows';

/** The views the page can subscribe to, by their names in the bindings (`myAccount`). */
export type ViewName = keyof DbConnection['db'] & keyof typeof tables;

export interface ViewSubscription<R> {
  readonly view: ViewName;
  readonly rows: readonly R[];
  /**
   * True once the view has delivered its first rows. It stays true across
   * reconnects: the rows it had stay until the new connection's arrive.
   */
  readonly ready: Accessor<boolean>;
  /** Why the server refused the subscription, until it is retried or the connection is new. */
  readonly failure: Accessor<string | undefined>;
  /** Subscribes again (after a failure). */
  retry(): void;
}

/** The part of a table handle this needs; each view's handle has it with its own row type. */
interface FollowedTable<R> {
  iter(): Iterable<R>;
  onInsert(callback: (ctx: EventContext, row: R) => void): void;
  removeOnInsert(callback: (ctx: EventContext, row: R) => void): void;
  onDelete(callback: (ctx: EventContext, row: R) => void): void;
  removeOnDelete(callback: (ctx: EventContext, row: R) => void): void;
  onUpdate?(callback: (ctx: EventContext, oldRow: R, newRow: R) => void): void;
  removeOnUpdate?(callback: (ctx: EventContext, oldRow: R, newRow: R) => void): void;
}

export function useView<K extends ViewName>(view: K): ViewSubscription<RowOf<K>> {
  const connection = useSpacetimeDB();
  const sql = toSql(tables[view]);
  const [rows, setRows] = createStore<RowOf<K>[]>([]);
  const [ready, setReady] = createSignal(false);
  const [failure, setFailure] = createSignal<string | undefined>(undefined);
  const [attempt, setAttempt] = createSignal(0);
  /** Whether a subscription of this view has applied on this page (any connection). */
  let delivered = false;

  // Runs again for each connection (the SDK's reconnects) and each retry.
  createComputed(() => {
    attempt();
    setFailure(undefined);
    const live = connection.getConnection() as DbConnection | null;
    if (!connection.isActive || live === null) return;
    const table = live.db[view] as unknown as FollowedTable<RowOf<K>>;
    // One transaction changes many rows: the list is rebuilt once per event.
    let lastEventId: string | undefined;
    // Before this subscription applies, the cache holds none or only some of
    // the view's rows: the page goes on showing the rows it had, if any.
    let following = !delivered;
    const refresh = () => setRows(reconcile([...table.iter()]));
    const onEvent = (ctx: EventContext) => {
      if (!following || ctx.event.id === lastEventId) return;
      lastEventId = ctx.event.id;
      refresh();
    };
    const subscription = live
      .subscriptionBuilder()
      .onApplied(() => {
        following = true;
        delivered = true;
        refresh();
        setReady(true);
      })
      .onError((ctx) => {
        const reason = ctx.event?.message || 'The server gave no reason.';
        // The page shows plain words; the server's own are for whoever looks into it.
        console.warn(`Kith: the server refused the view ${view}: ${reason}`);
        setFailure(reason);
      })
      .subscribe(sql);
    table.onInsert(onEvent);
    table.onDelete(onEvent);
    table.onUpdate?.(onEvent);
    if (following) refresh();
    onCleanup(() => {
      table.removeOnInsert(onEvent);
      table.removeOnDelete(onEvent);
      table.removeOnUpdate?.(onEvent);
      // A failed subscription is gone at the server already.
      if (!subscription.isEnded()) subscription.unsubscribe();
    });
  });

  return {
    view,
    rows,
    ready,
    failure,
    retry: () => setAttempt((n) => n + 1),
  };
}

/** The views among `subscriptions` the server refused on the current connection, and why. */
export function failuresOf(
  subscriptions: readonly ViewSubscription<unknown>[],
): Accessor<readonly SubscriptionFailure[]> {
  return createMemo(() =>
    subscriptions.flatMap((subscription) => {
      const reason = subscription.failure();
      return reason === undefined ? [] : [{ view: subscription.view, reason }];
    }),
  );
}

/** Subscribes again to the views that failed; the others keep their rows. */
export function retryFailed(subscriptions: readonly ViewSubscription<unknown>[]): void {
  for (const subscription of subscriptions) {
    if (subscription.failure() !== undefined) subscription.retry();
  }
}
