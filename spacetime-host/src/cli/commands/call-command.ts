import { parseIdentityHex } from '../../auth/identity.js';
import type { AlgebraicType } from '../../sats/algebraic-type.js';
import { CliError, UsageError } from '../cli-error.js';
import { ANONYMOUS_FLAG, type Command, connect, SERVER_FLAG, YES_FLAG } from '../command.js';
import { specialType } from '../format/special-types.js';
import { type ModuleFunction, readModuleDef, resolve, typeName } from '../module-def-json.js';

const USAGE =
  'spacetime-local call <DATABASE> <FUNCTION_NAME> [ARGUMENTS...] [-s SERVER] [--anonymous]';

/**
 * `spacetime call`: each argument is a JSON value; for convenience, as in the
 * real CLI, a `string` parameter may be given unquoted and an `Identity` as
 * bare hex. A procedure's return value is printed.
 */
export const callCommand: Command = {
  name: 'call',
  summary: 'Invoke a reducer or procedure in a database',
  usage: USAGE,
  flags: [SERVER_FLAG, ANONYMOUS_FLAG, YES_FLAG],
  async run(args, ctx) {
    const [database, name, ...rawArgs] = args.positionals;
    if (database === undefined || name === undefined) {
      throw new UsageError('call needs a database and a function name', USAGE);
    }
    const client = await connect(args, ctx);
    const identity = await client.databaseIdentity(database);
    const schema = await client.expectOk('GET', `/v1/database/${identity}/schema`, {
      query: { version: '10' },
    });
    const module = readModuleDef(await schema.json());
    const fn = module.functions.find((f) => f.name === name && f.lifecycle === undefined);
    if (fn === undefined)
      throw new CliError(noSuchFunction(module.functions, name, database, identity));

    const params = fn.params.elements;
    if (rawArgs.length !== params.length) {
      throw new CliError(
        `Invalid arguments provided for ${fn.kind} \`${name}\` for database \`${database}\` resolving to identity \`${identity}\`.\n\n` +
          `${params.length} parameters were expected, but ${rawArgs.length} were provided.\n\n` +
          `The ${fn.kind} has the following signature:\n\t${signature(fn, module.typespace)}`,
      );
    }
    const json = `[${rawArgs.map((arg, i) => quoteArgument(arg, resolve(params[i]!.algebraicType, module.typespace))).join(', ')}]`;
    const response = await client.expectOk(
      'POST',
      `/v1/database/${identity}/call/${encodeURIComponent(name)}`,
      {
        body: json,
        headers: { 'content-type': 'application/json' },
      },
    );
    if (fn.kind === 'procedure') ctx.io.stdout(`${await response.text()}\n`);
  },
};

/** The real CLI's conveniences: unquoted strings, and identities as bare or `0x` hex. */
export function quoteArgument(argument: string, type: AlgebraicType): string {
  if (specialType(type) === 'identity') {
    const bare = argument.replace(/^"|"$/g, '');
    if (parseIdentityHex(bare) !== undefined) {
      return `["${bare.startsWith('0x') ? bare : `0x${bare}`}"]`;
    }
    return argument;
  }
  if (
    type.tag === 'String' &&
    !(argument.startsWith('"') && argument.endsWith('"') && argument.length > 1)
  ) {
    return JSON.stringify(argument);
  }
  return argument;
}

function signature(fn: ModuleFunction, typespace: readonly AlgebraicType[]): string {
  const params = fn.params.elements.map(
    (e) => `${e.name ?? '_'}: ${typeName(e.algebraicType, typespace)}`,
  );
  return `${fn.name}(${params.join(', ')})`;
}

function noSuchFunction(
  functions: readonly ModuleFunction[],
  name: string,
  database: string,
  identity: string,
): string {
  let message = `No such reducer OR procedure \`${name}\` for database \`${database}\` resolving to identity \`${identity}\`.`;
  const reducers = functions.filter((f) => f.kind === 'reducer' && f.lifecycle === undefined);
  const procedures = functions.filter((f) => f.kind === 'procedure');
  if (reducers.length > 0)
    message += `\n\nHere are some existing reducers:\n${reducers.map((f) => `- ${f.name}`).join('\n')}`;
  if (procedures.length > 0) {
    message += `\n\nHere are some existing procedures:\n${procedures.map((f) => `- ${f.name}`).join('\n')}`;
  }
  return message;
}
