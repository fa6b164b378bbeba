/** Settings of the WebSocket server; every one has SpacetimeDB's default. */
export interface RealtimeOptions {
  /** How often the server pings each client. Default 15 s. */
  readonly pingIntervalMs?: number;
  /** A client that sends nothing, not even a pong, for this long is dropped. Default 30 s. */
  readonly idleTimeoutMs?: number;
  /** Largest frame a client may send; larger ones close the connection (1009). Default 32 MiB. */
  readonly maxIncomingBytes?: number;
  /**
   * Bytes waiting for one client (queued messages plus the socket's buffer)
   * beyond which it is dropped as too slow, so it cannot hold the host's memory. Default 64 MiB.
   */
  readonly maxOutgoingBytes?: number;
  /** Where unexpected failures are reported. Default `console.error`. */
  readonly logError?: (message: string, error: unknown) => void;
}

export type RealtimeSettings = Required<RealtimeOptions>;

/** Fills in the defaults and rejects nonsense once, when the server is built. */
export function resolveRealtimeOptions(options: RealtimeOptions): RealtimeSettings {
  const settings: RealtimeSettings = {
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    maxIncomingBytes: options.maxIncomingBytes ?? 32 * 1024 * 1024,
    maxOutgoingBytes: options.maxOutgoingBytes ?? 64 * 1024 * 1024,
    logError: options.logError ?? ((message, error) => console.error(message, error)),
  };
  for (const key of [
    'pingIntervalMs',
    'idleTimeoutMs',
    'maxIncomingBytes',
    'maxOutgoingBytes',
  ] as const) {
    if (!Number.isSafeInteger(settings[key]) || settings[key] <= 0) {
      throw new RangeError(
        `RealtimeOptions.${key} must be a positive integer, got ${settings[key]}`,
      );
    }
  }
  if (settings.idleTimeoutMs <= settings.pingIntervalMs) {
    throw new RangeError('RealtimeOptions.idleTimeoutMs must be greater than pingIntervalMs');
  }
  return settings;
}
