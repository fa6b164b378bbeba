import { createRoot } from 'solid-js';
import { createStore } from 'solid-js/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface Row {
  readonly id: bigint;
  readonly text: string;
}

type Callback = (ctx: { event: { id: string } }, row: Row) => void;

/** One SDK connection: a cache for the one view, and the subscriptions asked of it. */
class FakeConnection {
  readonly cache: Row[] = [];
  readonly subscriptions: {
    applied: () => void;
    failed: (message: string) => void;
    ended: boolean;
  }[] = [];
  readonly #inserts = new Set<Callback>();
  readonly #deletes = new Set<Callback>();
  #events = 0;

  readonly db = {
    myPost: {
      iter: () => this.cache.values(),
      onInsert: (callback: Callback) => this.#inserts.add(callback),
      removeOnInsert: (callback: Callback) => this.#inserts.delete(callback),
      onDelete: (callback: Callback) => this.#deletes.add(callback),
      removeOnDelete: (callback: Callback) => this.#deletes.delete(callback),
    },
  };

  subscriptionBuilder() {
    let applied: () => void = () => undefined;
    let failed: (message: string) => void = () => undefined;
    const builder = {
      onApplied: (callback: () => void) => {
        applied = callback;
        return builder;
      },
      onError: (callback: (ctx: { event?: Error }) => void) => {
        failed = (message) => callback({ event: new Error(message) });
        return builder;
      },
      subscribe: () => {
        const subscription = { applied: () => applied(), failed, ended: false };
        this.subscriptions.push(subscription);
        return {
          isEnded: () => subscription.ended,
          unsubscribe: () => {
            subscription.ended = true;
          },
        };
      },
    };
    return builder;
  }

  /** The server's rows for the last subscription arrive, as the SDK delivers them. */
  apply(rows: Row[]): void {
    const ctx = { event: { id: `applied-${++this.#events}` } };
    this.cache.splice(0, this.cache.length, ...rows);
    this.subscriptions.at(-1)?.applied();
    for (const row of rows) for (const callback of this.#inserts) callback(ctx, row);
  }

  /** A transaction inserts a row. */
  insert(row: Row): void {
    const ctx = { event: { id: `tx-${++this.#events}` } };
    this.cache.push(row);
    for (const callback of this.#inserts) callback(ctx, row);
  }
}

const [state, setState] = createStore<{ isActive: boolean; live: FakeConnection | null }>({
  isActive: false,
  live: null,
});

vi.mock('spacetimedb/solid', () => ({
  useSpacetimeDB: () => ({
    get isActive() {
      return state.isActive;
    },
    getConnection: () => state.live,
  }),
}));

const { useView } = await import('./view-subscription');

function connect(): FakeConnection {
  const live = new FakeConnection();
  setState({ isActive: true, live });
  return live;
}

function drop(): void {
  setState({ isActive: false, live: null });
}

describe('a view followed over the page’s connection', () => {
  let dispose: () => void = () => undefined;
  let view: ReturnType<typeof useView<'myPost'>>;

  beforeEach(() => {
    setState({ isActive: false, live: null });
    createRoot((disposeRoot) => {
      dispose = disposeRoot;
      view = useView('myPost');
    });
  });
  afterEach(() => dispose());

  it('is ready once the first rows arrive, and follows the changes after', () => {
    const live = connect();
    expect(view.ready()).toBe(false);
    live.apply([{ id: 1n, text: 'first' }]);
    expect(view.ready()).toBe(true);
    expect(view.rows.map((row) => row.text)).toEqual(['first']);
    live.insert({ id: 2n, text: 'second' });
    expect(view.rows.map((row) => row.text)).toEqual(['first', 'second']);
  });

  it('keeps its rows through a reconnect until the new connection’s rows arrive', () => {
    const first = connect();
    first.apply([
      { id: 1n, text: 'kept' },
      { id: 2n, text: 'edited' },
    ]);
    const unchanged = view.rows[0];
    drop();
    expect(view.rows.map((row) => row.text)).toEqual(['kept', 'edited']);

    // The SDK's new connection starts with an empty cache.
    const second = connect();
    expect(view.rows.map((row) => row.text)).toEqual(['kept', 'edited']);
    expect(view.ready()).toBe(true);

    second.apply([
      { id: 1n, text: 'kept' },
      { id: 2n, text: 'edited again' },
      { id: 3n, text: 'written meanwhile' },
    ]);
    expect(view.rows.map((row) => row.text)).toEqual(['kept', 'edited again', 'written meanwhile']);
    // Rows that did not change are the same rows, so what shows them stays as it is.
    expect(view.rows[0]).toBe(unchanged);
    expect(first.subscriptions[0]?.ended).toBe(true);
  });

  it('keeps its rows while a failed view is subscribed again', () => {
    const live = connect();
    live.apply([{ id: 1n, text: 'kept' }]);
    live.subscriptions[0]?.failed('boom');
    expect(view.failure()).toBe('boom');
    view.retry();
    expect(view.failure()).toBeUndefined();
    expect(view.rows.map((row) => row.text)).toEqual(['kept']);
    live.apply([{ id: 1n, text: 'kept' }]);
    expect(view.rows.map((row) => row.text)).toEqual(['kept']);
    expect(live.subscriptions).toHaveLength(2);
  });
});
