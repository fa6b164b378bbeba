import { UsageError } from '../cli-error.js';
import { type Command, connect, SERVER_FLAG, YES_FLAG } from '../command.js';
import { formatLogLine, type LogLineRecord } from '../format/log-line.js';
import { boolFlag, stringFlag } from '../parse-args.js';

const USAGE =
  'spacetime-local logs <DATABASE> [-n NUM_LINES] [-f] [--format text|json] [-s SERVER]';

/** `spacetime logs`: the owner's view of a database's module log, optionally followed. */
export const logsCommand: Command = {
  name: 'logs',
  summary: "Print a database's module logs",
  usage: USAGE,
  flags: [
    SERVER_FLAG,
    YES_FLAG,
    { long: 'num-lines', short: 'n', value: 'required' },
    { long: 'follow', short: 'f', value: 'none' },
    { long: 'format', value: 'required', choices: ['text', 'json'] },
  ],
  async run(args, ctx) {
    const [database] = args.positionals;
    if (database === undefined) throw new UsageError('logs needs a database', USAGE);
    const follow = boolFlag(args, 'follow');
    let numLines = stringFlag(args, 'num-lines');
    if (numLines !== undefined && !/^\d+$/.test(numLines)) {
      throw new UsageError(`invalid value '${numLines}' for --num-lines: expected a number`, USAGE);
    }
    // Following from the very beginning is rarely wanted.
    if (follow && numLines === undefined) numLines = '10';

    const client = await connect(args, ctx);
    const identity = await client.databaseIdentity(database);
    const response = await client.expectOk('GET', `/v1/database/${identity}/logs`, {
      query: { num_lines: numLines, follow: String(follow) },
    });
    const json = stringFlag(args, 'format') === 'json';
    let pending = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) {
      pending += decoder.decode(chunk as Uint8Array, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        ctx.io.stdout(json ? `${line}\n` : formatLogLine(JSON.parse(line) as LogLineRecord));
      }
    }
  },
};
