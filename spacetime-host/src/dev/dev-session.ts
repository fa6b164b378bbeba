import { ApiClient } from '../cli/api-client.js';
import type { ConsoleIo } from '../cli/cli-io.js';
import { type ClearMode, type Published, publishProgram } from '../cli/publish-program.js';
import { type YesFlags, yesFlags } from '../cli/yes-flags.js';
import { bundleModule } from '../runtime/bundle-module.js';
import { type CycleOutcome, createDevLoop } from './dev-loop.js';
import { type BindingsTarget, writeGenerateTargets } from './generate-targets.js';
import { watchFolder } from './watch-folder.js';

export interface DevSessionOptions {
  /** The server's base URL, e.g. http://127.0.0.1:3000. */
  readonly serverUrl: string;
  /** The publishing identity's token (the database owner's). */
  readonly token: string;
  readonly database: string;
  readonly modulePath: string;
  /** Folders whose changes republish the module; the module folder by default. */
  readonly watch?: readonly string[];
  /** Where bindings go after every successful publish. */
  readonly generate: readonly BindingsTarget[];
  readonly skipPublish?: boolean;
  readonly clear?: ClearMode;
  readonly yes?: YesFlags;
  /** After every successful publish, before bindings are written. */
  readonly afterPublish?: (published: Published) => Promise<void>;
  readonly onOutcome?: (outcome: CycleOutcome) => void;
  readonly io: ConsoleIo;
  /** Bundles a module folder; `spacetime build`'s way by default. */
  readonly bundle?: (modulePath: string) => Promise<string>;
}

export interface DevSession {
  /** The first pass's outcome. */
  readonly first: CycleOutcome;
  /** Stops watching, after the pass in progress (if any) has finished. */
  close(): Promise<void>;
}

/**
 * `dev` without its command line: one pass now, then one per burst of changes
 * to the watched folders, until closed. Used by `spacetime-local dev` and by
 * Kith's `npm run dev`, which owns its host and owner token.
 */
export async function startDevSession(options: DevSessionOptions): Promise<DevSession> {
  const { io } = options;
  const client = new ApiClient(options.serverUrl, options.token);
  const log = (line: string) => io.stdout(`${line}\n`);
  const bundle = options.bundle ?? ((dir: string) => bundleModule(dir));
  const loop = createDevLoop(
    {
      build: () => bundle(options.modulePath),
      ...(options.skipPublish
        ? {}
        : {
            publish: (program: string) =>
              publishProgram(client, io, {
                name: options.database,
                program,
                clear: options.clear ?? 'never',
                yes: options.yes ?? yesFlags(undefined),
                // Clients are regenerated right after, so a break is what dev is for.
                breakClients: true,
              }),
          }),
      ...(options.afterPublish === undefined ? {} : { afterPublish: options.afterPublish }),
      ...(options.generate.length === 0
        ? {}
        : { generate: (program: string) => writeGenerateTargets(program, options.generate) }),
    },
    {
      database: options.database,
      log,
      ...(options.onOutcome === undefined ? {} : { onOutcome: options.onOutcome }),
    },
  );
  const first = await loop.runCycle();
  const ignore = options.generate.map((target) => target.outDir);
  const watches = await Promise.all(
    (options.watch ?? [options.modulePath]).map((folder) =>
      watchFolder(folder, (changed) => loop.onFilesChanged(changed), { ignore }),
    ),
  );
  return {
    first,
    async close() {
      await Promise.all(watches.map((watch) => watch.close()));
      await loop.idle();
    },
  };
}
