// The host, loaded at run time for the same reason as in the tests
// (test/support/host-runtime.ts): its NodeNext sources do not type-check under
// the Bundler resolution the SDK needs. This declares the part the benchmark uses.

export interface BenchHost {
  readonly server: { readonly url: string };
  readonly owner: { readonly token: string };
  publishFolder(name: string, moduleDir: string): Promise<unknown>;
  close(): Promise<void>;
}

interface HostModule {
  startLocalHost(options: {
    dataDir: string;
    port: number;
    allowInsecureLocalIssuers: boolean;
  }): Promise<BenchHost>;
}

const HOST_ENTRY = new URL('../../spacetime-host/src/start-local-host.ts', import.meta.url).href;

export async function startBenchHost(dataDir: string): Promise<BenchHost> {
  const module = (await import(/* @vite-ignore */ HOST_ENTRY)) as HostModule;
  return module.startLocalHost({ dataDir, port: 0, allowInsecureLocalIssuers: true });
}
