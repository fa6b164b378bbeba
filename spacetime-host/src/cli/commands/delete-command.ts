import { CliError, UsageError } from '../cli-error.js';
import { type Command, connect, SERVER_FLAG, YES_FLAG } from '../command.js';
import { confirm } from '../confirm.js';
import { boolFlag } from '../parse-args.js';

const USAGE = 'spacetime-local delete <DATABASE> [-y] [-s SERVER]';

/** `spacetime delete`: deletes a database you own, after confirming. */
export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Delete a database',
  usage: USAGE,
  flags: [SERVER_FLAG, YES_FLAG],
  async run(args, ctx) {
    const [database] = args.positionals;
    if (database === undefined) throw new UsageError('delete needs a database', USAGE);
    const client = await connect(args, ctx);
    const identity = await client.databaseIdentity(database);
    const target = database === identity ? identity : `${database} (${identity})`;
    const question = `Are you sure you want to delete database ${target}? This action cannot be undone.`;
    if (!(await confirm(ctx.io, question, boolFlag(args, 'yes')))) {
      throw new CliError('Aborting');
    }
    await client.expectOk('DELETE', `/v1/database/${identity}`);
    ctx.io.stdout(`Deleted database ${target}\n`);
  },
};
