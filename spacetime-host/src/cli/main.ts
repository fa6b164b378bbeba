import { createInterface } from 'node:readline';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

/** One line of standard input (piped or typed), or undefined when there is none. */
function prompt(question: string): Promise<string | undefined> {
  process.stdout.write(`${question} `);
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, terminal: false });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  prompt,
  // Loaded on demand: the bundler and the server are only needed by the commands that build or serve.
  bundleModule: async (moduleDir) => (await import('./build-module.js')).buildModule(moduleDir, io),
  openHost: async (dataDir) => {
    const { Host } = await import('../database/host.js');
    const host = await Host.open({ dataDir });
    return {
      host,
      failures: host.failures.map(
        (failure) =>
          `${failure.identity.toString(16).padStart(64, '0')}: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`,
      ),
      close: () => host.close(),
    };
  },
  startServer: async (options) => (await import('../serve-host.js')).serveHost(options),
  untilStopped: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};

const code = await runCli(process.argv.slice(2), io);
// Idle keep-alive sockets must not hold the process open once the command is done.
process.stdout.write('', () => process.exit(code));
