import { configPath } from './cli-config.js';
import { CliError, UsageError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { callCommand } from './commands/call-command.js';
import { deleteCommand } from './commands/delete-command.js';
import { describeCommand } from './commands/describe-command.js';
import { devCommand } from './commands/dev-command.js';
import { generateCommand } from './commands/generate-command.js';
import { logsCommand } from './commands/logs-command.js';
import { publishCommand } from './commands/publish-command.js';
import { sqlCommand } from './commands/sql-command.js';
import { startCommand } from './commands/start-command.js';
import { parseArgs } from './parse-args.js';

const COMMANDS: readonly Command[] = [
  startCommand,
  publishCommand,
  callCommand,
  sqlCommand,
  logsCommand,
  describeCommand,
  deleteCommand,
  generateCommand,
  devCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'spacetime-local: run SpacetimeDB modules on this machine, with the `spacetime` CLI verbs.',
    '',
    'Usage: spacetime-local <COMMAND> [OPTIONS]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options common to the database commands:',
    '  -s, --server <SERVER>  URL or nickname of the host (default: http://127.0.0.1:3000)',
    '      --anonymous        Act as a fresh, throwaway identity',
    '',
    'The identity token per server is kept in ~/.config/spacetime-local/cli.json ($SPACETIME_LOCAL_CONFIG).',
  ].join('\n');
}

/** Runs one command line; returns the process exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`error: unrecognized subcommand '${name}'\n\n${overview()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    await command.run(parseArgs(rest, command.flags, command.usage), {
      io,
      configFile: configPath(io.env),
    });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n\nUsage: ${error.usage ?? command.usage}\n`);
      return error.exitCode;
    }
    if (error instanceof CliError) {
      io.stderr(`Error: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(
      `Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
