// The host's realtime test server, loaded at run time: its sources are
// written for NodeNext, and one of them (a CommonJS interop shim) does not
// type-check under the Bundler resolution these tests need for the SDK. So
// this file declares only the part of it the tests use.
import type { ManualClock } from '../../../spacetime-host/src/testing.js';

export interface IssuedToken {
  readonly identity: bigint;
  readonly token: string;
}

export interface HostServer {
  readonly url: string;
  readonly auth: {
    issueNewIdentity(): Promise<IssuedToken>;
  };
  readonly host: {
    publish(request: {
      program: string;
      name: string;
      publisher: bigint;
      clear: boolean;
    }): Promise<unknown>;
  };
  /** Errors the host logged while serving; a healthy run leaves it empty. */
  readonly errors: unknown[];
  close(): Promise<void>;
}

interface RealtimeSupport {
  startRealtimeServer(
    dataDir: string,
    options: { auth: { allowInsecureLocalIssuers: boolean }; clock?: ManualClock },
  ): Promise<HostServer>;
}

const REALTIME_SUPPORT = new URL(
  '../../../spacetime-host/test/realtime/support/realtime-test-server.ts',
  import.meta.url,
).href;

/**
 * The real host (HTTP API, WebSocket route, subscriptions) that accepts local
 * test issuers; on `clock` when a test moves time, else on the wall clock.
 */
export async function startHostServer(dataDir: string, clock?: ManualClock): Promise<HostServer> {
  const support = (await import(/* @vite-ignore */ REALTIME_SUPPORT)) as RealtimeSupport;
  return support.startRealtimeServer(dataDir, {
    auth: { allowInsecureLocalIssuers: true },
    ...(clock !== undefined && { clock }),
  });
}
