import { parseSatsJson } from '../../sats/sats-json-text.js';
import { CliError, UsageError } from '../cli-error.js';
import { ANONYMOUS_FLAG, type Command, connect, SERVER_FLAG, YES_FLAG } from '../command.js';
import { psqlTable } from '../format/psql-table.js';
import { psqlValue } from '../format/psql-value.js';
import { productTypeFromJson } from '../format/type-from-json.js';
import { stringFlag } from '../parse-args.js';

const USAGE =
  'spacetime-local sql <DATABASE> <QUERY> [--format text|json] [-s SERVER] [--anonymous]';

interface StatementResult {
  readonly schema: unknown;
  readonly rows: readonly unknown[];
}

/** `spacetime sql`: runs the query and prints each result as a psql-style table. */
export const sqlCommand: Command = {
  name: 'sql',
  summary: 'Run a SQL query on a database',
  usage: USAGE,
  flags: [
    SERVER_FLAG,
    ANONYMOUS_FLAG,
    YES_FLAG,
    { long: 'format', value: 'required', choices: ['text', 'json'] },
    { long: 'confirmed', value: 'required', choices: ['true', 'false'] },
  ],
  async run(args, ctx) {
    const [database, ...queryParts] = args.positionals;
    if (database === undefined || queryParts.length === 0) {
      throw new UsageError('sql needs a database and a query', USAGE);
    }
    const client = await connect(args, ctx);
    const identity = await client.databaseIdentity(database);
    const response = await client.expectOk('POST', `/v1/database/${identity}/sql`, {
      body: queryParts.join(' '),
      query: { confirmed: stringFlag(args, 'confirmed') },
    });
    const text = await response.text();
    if (stringFlag(args, 'format') === 'json') {
      ctx.io.stdout(`${text}\n`);
      return;
    }
    ctx.io.stdout(`${formatResults(parseResults(text))}\n`);
  },
};

function parseResults(text: string): readonly StatementResult[] {
  try {
    return parseSatsJson(text) as StatementResult[];
  } catch {
    throw new CliError('malformed sql response');
  }
}

/** Every statement's table, separated by a blank line, as `spacetime sql` prints them. */
export function formatResults(results: readonly StatementResult[]): string {
  return results
    .map((result) => {
      const schema = productTypeFromJson(result.schema);
      const header = schema.elements.map((e, i) => e.name ?? `column ${i}`);
      const rows = result.rows.map((row) =>
        schema.elements.map((e, i) => psqlValue(e.algebraicType, (row as unknown[])[i])),
      );
      return psqlTable(header, rows);
    })
    .filter((table) => table !== '')
    .join('\n\n');
}
