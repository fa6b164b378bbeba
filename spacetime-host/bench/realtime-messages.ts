// What realtime.ts and its client processes (realtime-clients.ts) say to each
// other over the fork IPC channel (advanced serialization: typed arrays pass as is).

/** The job a client process runs, given once at start. */
export type ClientJob =
  | {
      /** Each client calls `send_message` and waits for its result before the next call. */
      readonly kind: 'round-trips';
      readonly clients: number;
      readonly warmupMs: number;
      readonly durationMs: number;
    }
  | {
      /** Clients subscribed to `message` that time each fan-out row's arrival. */
      readonly kind: 'receivers';
      readonly clients: number;
      /** The SDK's `withConfirmedReads`: wait for durability before sending (its default). */
      readonly confirmedReads: boolean;
    }
  | {
      /** One unsubscribed client that posts the fan-out rows, `intervalMs` apart. */
      readonly kind: 'caller';
      readonly calls: number;
      readonly intervalMs: number;
      readonly confirmedReads: boolean;
    }
  | {
      /** Connections that subscribe to `message` and then do nothing. */
      readonly kind: 'idle';
      readonly clients: number;
    };

export type ParentMessage =
  | {
      readonly type: 'job';
      readonly url: string;
      readonly database: string;
      readonly job: ClientJob;
    }
  /** Starts the measured part (round trips, calls); receivers and idle clients never get it. */
  | { readonly type: 'go' }
  /** Ends the job: the process sends its figures (if any), disconnects and exits. */
  | { readonly type: 'stop' };

export type ChildMessage =
  /** Connected (and subscribed): the measurement may start. */
  | { readonly type: 'ready' }
  | {
      readonly type: 'round-trips';
      readonly calls: number;
      readonly seconds: number;
      readonly latenciesMicros: Float64Array;
      readonly cpuMicros: number;
    }
  | { readonly type: 'calls'; readonly latenciesMicros: Float64Array; readonly cpuMicros: number }
  /** Per arrival: the call's sequence number and its latency, in the same order. */
  | {
      readonly type: 'arrivals';
      readonly sequence: Uint32Array;
      readonly latenciesMicros: Float64Array;
      readonly cpuMicros: number;
    }
  | { readonly type: 'stopped' };

/**
 * The text of a fan-out row: its sequence number and when it was sent, on
 * the system-wide monotonic clock (`process.hrtime`, CLOCK_MONOTONIC on
 * Linux), so a receiver in another process can time its arrival.
 */
export function fanoutText(sequence: number, sentNanos: bigint): string {
  return `fanout:${sequence}:${sentNanos}`;
}

export function parseFanoutText(text: string): { sequence: number; sentNanos: bigint } | undefined {
  const match = /^fanout:(\d+):(\d+)$/.exec(text);
  if (match === null) return undefined;
  return { sequence: Number(match[1]), sentNanos: BigInt(match[2]!) };
}
