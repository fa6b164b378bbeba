import { ManualMigrationRequired, type Published } from '../cli/publish-program.js';

/** What one build-publish-generate pass needs; each step is the real thing in `dev`. */
export interface DevSteps {
  /** The module folder bundled as `spacetime build` does. */
  build(): Promise<string>;
  /**
   * Uploads the bundle; throws `ManualMigrationRequired` when the data cannot
   * follow. Absent with `--skip-publish`.
   */
  publish?(program: string): Promise<Published>;
  /** Writes client bindings for the bundle; returns one line per target for the log. */
  generate?(program: string): Promise<readonly string[]>;
  /** Runs after every successful publish (e.g. configuring the new database). */
  afterPublish?(published: Published): Promise<void>;
}

export type CycleOutcome =
  /** Published (undefined when publishing is skipped) and bindings written. */
  | { readonly kind: 'published'; readonly published: Published | undefined }
  | { readonly kind: 'build-failed'; readonly message: string }
  /** The change needs a manual migration; the previous module still runs with its data. */
  | { readonly kind: 'kept-previous'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface DevLoop {
  /** Runs a pass now, or right after the one in progress; resolves with its outcome. */
  runCycle(): Promise<CycleOutcome>;
  /** Starts a pass for a burst of file changes (coalesced with passes already queued). */
  onFilesChanged(changed: readonly string[]): void;
  /** Resolves when no pass is running or queued. */
  idle(): Promise<void>;
}

export interface DevLoopOptions {
  readonly database: string;
  readonly log: (line: string) => void;
  /** Called with every pass's outcome (for tests and for callers that react to publishes). */
  readonly onOutcome?: (outcome: CycleOutcome) => void;
}

/**
 * The heart of `dev`: build, publish, then regenerate bindings. Unlike the
 * real CLI (which generates before publishing) bindings are written only
 * after the publish succeeded, so they always describe the module that is
 * live; a pass that fails leaves the database, its data and the bindings as
 * they were, and the loop waits for the next change.
 */
export function createDevLoop(steps: DevSteps, options: DevLoopOptions): DevLoop {
  const { log, database } = options;
  let running: Promise<CycleOutcome> | undefined;
  let queued: Promise<CycleOutcome> | undefined;

  async function pass(): Promise<CycleOutcome> {
    const outcome = await attempt();
    options.onOutcome?.(outcome);
    return outcome;
  }

  async function attempt(): Promise<CycleOutcome> {
    log('Building...');
    let program: string;
    try {
      program = await steps.build();
    } catch (error) {
      const message = messageOf(error);
      log(`Build failed:\n${message}\nWaiting for the next change...`);
      return { kind: 'build-failed', message };
    }
    let published: Published | undefined;
    if (steps.publish === undefined) {
      log('Build complete. Skipping the publish step (--skip-publish).');
    } else {
      log(`Build complete. Publishing to ${database}...`);
      try {
        published = await steps.publish(program);
        await steps.afterPublish?.(published);
      } catch (error) {
        if (error instanceof ManualMigrationRequired) {
          log(explainManualMigration(database, error.reason));
          return { kind: 'kept-previous', reason: error.reason };
        }
        const message = messageOf(error);
        log(`Publish failed: ${message}\nWaiting for the next change...`);
        return { kind: 'failed', message };
      }
      log(
        published.op === 'created'
          ? `Created database ${database}.`
          : `Updated ${database}; its data was kept.`,
      );
    }
    if (steps.generate !== undefined) {
      try {
        for (const line of await steps.generate(program)) log(line);
      } catch (error) {
        const message = messageOf(error);
        log(`Generating bindings failed: ${message}`);
        return { kind: 'failed', message };
      }
    }
    log('Ready. Watching for changes...');
    return { kind: 'published', published };
  }

  function start(): Promise<CycleOutcome> {
    const current = pass();
    running = current;
    const clear = () => {
      if (running === current) running = undefined;
    };
    void current.then(clear, clear);
    return current;
  }

  function runCycle(): Promise<CycleOutcome> {
    if (running === undefined) return start();
    // One pass at a time; changes made during a pass are all picked up by one more.
    queued ??= running.then(() => {
      queued = undefined;
      return start();
    });
    return queued;
  }

  return {
    runCycle,
    onFilesChanged(changed) {
      const shown = changed.slice(0, 3).join(', ') + (changed.length > 3 ? ', ...' : '');
      log(`\nChanged: ${shown}`);
      void runCycle();
    },
    async idle() {
      while (running !== undefined || queued !== undefined) {
        await (queued ?? running)?.catch(() => undefined);
      }
    },
  };
}

/** Words a module developer can act on when the data cannot follow a change. */
export function explainManualMigration(database: string, reason: string): string {
  return [
    `This change cannot be applied to ${database} without losing data:`,
    reason.trim(),
    `${database} keeps running the previous version of the module, with all its data.`,
    'To go on, either make the change compatible (add tables, reducers and views freely;',
    'add new columns only at the end of a table, with a default; do not remove or retype',
    `columns), or restart dev with --delete-data=on-conflict to delete ${database}'s data`,
    'and publish the new module.',
  ].join('\n');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
