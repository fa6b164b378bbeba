import { convertCase } from '../../schema/case-conversion.js';
import { CliError, UsageError } from '../cli-error.js';
import { ANONYMOUS_FLAG, type Command, connect, SERVER_FLAG, YES_FLAG } from '../command.js';
import { readModuleDef, typeName } from '../module-def-json.js';
import { boolFlag } from '../parse-args.js';

const USAGE =
  'spacetime-local describe <DATABASE> [reducer|table NAME] [--json] [-s SERVER] [--anonymous]';

/**
 * `spacetime describe --json`: the module definition as the server reports it
 * (`GET /schema?version=10`), or one reducer or table of it. Without `--json`
 * (which the real CLI requires) a short summary is printed.
 */
export const describeCommand: Command = {
  name: 'describe',
  summary: 'Describe the structure of a database',
  usage: USAGE,
  flags: [SERVER_FLAG, ANONYMOUS_FLAG, YES_FLAG, { long: 'json', value: 'none' }],
  async run(args, ctx) {
    const [database, entityType, entityName, ...extra] = args.positionals;
    if (
      database === undefined ||
      extra.length > 0 ||
      (entityType !== undefined && entityName === undefined)
    ) {
      throw new UsageError(
        'describe takes a database and, optionally, an entity type and name',
        USAGE,
      );
    }
    if (entityType !== undefined && entityType !== 'reducer' && entityType !== 'table') {
      throw new UsageError(
        `Invalid entity_type '${entityType}'. Expected one of: reducer, table.`,
        USAGE,
      );
    }
    const client = await connect(args, ctx);
    const identity = await client.databaseIdentity(database);
    const response = await client.expectOk('GET', `/v1/database/${identity}/schema`, {
      query: { version: '10' },
    });
    const def = (await response.json()) as { sections?: Record<string, unknown>[] };
    const module = readModuleDef(def);

    if (boolFlag(args, 'json')) {
      const entity =
        entityType === undefined ? def : findRawEntity(def, entityType, entityName ?? '');
      ctx.io.stdout(`${JSON.stringify(entity, null, 2)}\n`);
      return;
    }
    const lines = [`Database ${database} (${identity})`];
    if (entityType !== 'reducer') {
      lines.push('', 'Tables:');
      for (const table of module.tables) {
        if (entityName !== undefined && table.name !== entityName) continue;
        const row = typeName(table.rowType, module.typespace).replace(/^\(|\)$/g, '');
        lines.push(`  ${table.name} (${table.isPublic ? 'public' : 'private'}): ${row}`);
      }
    }
    if (entityType !== 'table') {
      lines.push('', 'Reducers and procedures:');
      for (const fn of module.functions) {
        if (entityName !== undefined && fn.name !== entityName) continue;
        const params = fn.params.elements.map(
          (e) => `${e.name ?? '_'}: ${typeName(e.algebraicType, module.typespace)}`,
        );
        const note =
          fn.lifecycle !== undefined
            ? ` [${fn.lifecycle}]`
            : fn.kind === 'procedure'
              ? ' [procedure]'
              : '';
        lines.push(`  ${fn.name}(${params.join(', ')})${note}`);
      }
    }
    ctx.io.stdout(`${lines.join('\n')}\n`);
  },
};

/** The raw definition of one reducer or table, matched by canonical or source name. */
function findRawEntity(
  def: { sections?: Record<string, unknown>[] },
  type: 'reducer' | 'table',
  name: string,
): unknown {
  const section = type === 'reducer' ? 'Reducers' : 'Tables';
  for (const entry of def.sections ?? []) {
    const items = entry[section] as { source_name?: string }[] | undefined;
    const found = items?.find(
      (item) => item.source_name === name || convertCase(item.source_name ?? '', 'snake') === name,
    );
    if (found !== undefined) return found;
  }
  throw new CliError(`no such ${type}`);
}
