// A host with the Kith module published, configured for a test issuer, with
// rate limits out of the way, and HTTP calls as any member.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIENCE, KithIssuer, type TestUser } from '../test/support/kith-issuer.js';
import { startBenchHost } from './local-host.js';

const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RATE_LIMITED = ['post', 'comment', 'reaction', 'friend_request', 'report', 'profile'];

export interface KithBenchHost {
  readonly url: string;
  readonly issuer: KithIssuer;
  call(token: string, reducer: string, args: readonly unknown[]): Promise<void>;
  memberToken(user: TestUser): Promise<string>;
  close(): Promise<void>;
}

export async function startKithBenchHost(dataDir: string): Promise<KithBenchHost> {
  const issuer = new KithIssuer();
  await issuer.start();
  const local = await startBenchHost(dataDir);
  await local.publishFolder('kith', moduleDir);
  const call = async (token: string, reducer: string, args: readonly unknown[]) => {
    const response = await fetch(`${local.server.url}/v1/database/kith/call/${reducer}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    if (!response.ok) throw new Error(`${reducer}: ${response.status} ${await response.text()}`);
  };
  await call(local.owner.token, 'configure_auth', [issuer.url, AUDIENCE]);
  for (const action of RATE_LIMITED)
    await call(local.owner.token, 'set_rate_limit', [action, 100_000, 1]);
  return {
    url: local.server.url,
    issuer,
    call,
    memberToken: (user) => issuer.memberToken(user),
    close: async () => {
      await local.close();
      await issuer.stop();
    },
  };
}

/** Runs `work` for each item, `concurrency` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The SATS-JSON of an identity given as hex. */
export function identityJson(hex: string): { __identity__: string } {
  return { __identity__: `0x${hex}` };
}
