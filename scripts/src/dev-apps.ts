// The apps of the dev loop: the API, restarted when its code changes
// (tsx watch), and the web app's Vite dev server with hot reload. Run by
// `npm run dev` beside the host and module loop, and by `spacetime dev`
// (spacetime.json's dev.run) when the module runs on a real SpacetimeDB.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './start-settings.js';

export interface DevApps {
  stop(): Promise<void>;
}

/** Starts whichever apps exist, each in its own process group, output prefixed with its name. */
export function startDevApps(env: NodeJS.ProcessEnv): DevApps {
  const children: ChildProcess[] = [];
  children.push(
    run(
      'api',
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      ['watch', '--clear-screen=false', 'api/src/main.ts'],
      env,
    ),
  );
  if (existsSync(path.join(repoRoot, 'web/vite.config.ts'))) {
    children.push(run('web', 'npm', ['run', 'dev', '-w', '@kith/web'], env));
  }
  return {
    async stop() {
      await Promise.all(children.map(stop));
    },
  };
}

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (signal === null && code !== 0) console.error(`${prefix}exited with code ${code}`);
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await exited;
}

// Run directly (`npm run dev:apps`), the apps live until Ctrl+C.
if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url) === path.resolve(process.argv[1])
) {
  const apps = startDevApps(process.env);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      apps.stop().then(() => process.exit(0));
    });
  }
}
