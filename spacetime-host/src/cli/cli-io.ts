import type { RunningServer, StartServerOptions } from '../http/start-server.js';

/** A host opened on a data directory, for `start`. */
export interface OpenedHost {
  readonly host: StartServerOptions['host'];
  /** Databases in the data directory that could not be opened, described for the user. */
  readonly failures: readonly string[];
  close(): Promise<void>;
}

/** The console part of `CliIo`: what publishing and confirming need. */
export type ConsoleIo = Pick<CliIo, 'stdout' | 'stderr' | 'prompt'>;

/**
 * Everything a command touches outside its arguments, so commands can be run
 * in-process by tests and by the `spacetime-local` bin alike.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** A line from the user, for confirmations; undefined when stdin is not interactive. */
  readonly prompt: (question: string) => Promise<string | undefined>;
  /** `spacetime build` of a module folder (typecheck, bundle, the CLI's checks): the bundle's text. */
  readonly bundleModule: (moduleDir: string) => Promise<string>;
  readonly openHost: (dataDir: string) => Promise<OpenedHost>;
  readonly startServer: (options: StartServerOptions) => Promise<RunningServer>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM), for `start`. */
  readonly untilStopped: () => Promise<void>;
}
