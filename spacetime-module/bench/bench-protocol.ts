// Messages between the benchmark (which runs the host) and the process that
// runs the SDK clients, so that the clients do not share the host's event loop.

export type ParentMessage =
  | {
      readonly type: 'connect';
      readonly url: string;
      readonly tokens: readonly string[];
      readonly views: readonly string[];
    }
  | {
      readonly type: 'post-latency';
      /** Index of the author among the connected clients; every other client is a reader. */
      readonly author: number;
      readonly warmup: number;
      readonly posts: number;
      readonly intervalMs: number;
    }
  | {
      readonly type: 'react-throughput';
      readonly postId: string;
      /** Indexes of the clients that react, each in a closed loop. */
      readonly reactors: readonly number[];
      readonly seconds: number;
    }
  | {
      /** One reducer call by one client: the operations whose commits the benchmark times. */
      readonly type: 'call';
      readonly client: number;
      readonly call: BenchCall;
    }
  | { readonly type: 'close' };

export type BenchCall =
  | { readonly reducer: 'createPost'; readonly text: string; readonly visibility: string }
  | { readonly reducer: 'reactToPost'; readonly postId: string; readonly kind: string };

export type ChildMessage =
  | {
      readonly type: 'connected';
      readonly subscribeMicros: readonly number[];
      readonly identities: readonly string[];
    }
  | {
      readonly type: 'post-latency';
      /** Call → each reader's insert callback, µs. */
      readonly deliveryMicros: readonly number[];
      /** The author's own call → result, µs. */
      readonly roundTripMicros: readonly number[];
      readonly lastPostId: string;
    }
  | {
      readonly type: 'react-throughput';
      readonly calls: number;
      readonly failures: number;
      readonly roundTripMicros: readonly number[];
    }
  | { readonly type: 'called'; readonly roundTripMicros: number; readonly error?: string }
  | { readonly type: 'closed' };
