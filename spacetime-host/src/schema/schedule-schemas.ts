import { resolveType, type Typespace } from '../sats/typespace.js';
import type { FunctionSchema, ReducerSchema, TableSchema } from './module-schema.js';
import type { NameResolver } from './name-resolver.js';
import type { RawScheduleDefV10 } from './raw-module-def.js';
import { isScheduleAt } from './special-types.js';

export interface ScheduleContext {
  readonly tables: readonly TableSchema[];
  /** The typespace Ref of each table's row type, parallel to `tables`. */
  readonly tableTypeRefs: readonly number[];
  readonly reducers: readonly ReducerSchema[];
  readonly procedures: readonly FunctionSchema[];
  readonly typespace: Typespace;
  readonly names: NameResolver;
}

/**
 * Attaches each schedule to its table. As in SpacetimeDB: the at-column holds
 * a ScheduleAt, the id column is the u64 primary key, the function is a
 * reducer or procedure taking exactly the row, and scheduled functions become
 * private.
 */
export function attachSchedules(
  defs: readonly RawScheduleDefV10[],
  ctx: ScheduleContext,
): { tables: TableSchema[]; reducers: ReducerSchema[]; procedures: FunctionSchema[] } {
  const { names } = ctx;
  const tables = [...ctx.tables];
  const reducers = [...ctx.reducers];
  const procedures = [...ctx.procedures];
  for (const def of defs) {
    const tableName = names.table(def.tableName);
    const tableIndex = tables.findIndex((t) => t.name === tableName);
    const table = tables[tableIndex];
    if (!table) {
      names.error(`schedule refers to missing table \`${def.tableName}\``);
      continue;
    }
    names.claim(`${tableName}_sched`);
    const atColumn = table.columns[def.scheduleAtCol];
    const idColumn = table.primaryKey === undefined ? undefined : table.columns[table.primaryKey];
    if (!atColumn || !isScheduleAt(atColumn.type) || idColumn?.type.tag !== 'U64') {
      names.error(
        `scheduled table \`${tableName}\` needs a ScheduleAt column and a u64 primary key column`,
      );
      continue;
    }
    if (table.schedule) names.error(`table \`${tableName}\` has more than one schedule`);

    const functionName = names.function(def.functionName);
    const reducerId = reducers.findIndex((r) => r.name === functionName);
    const procedureId = procedures.findIndex((p) => p.name === functionName);
    const fn = reducerId >= 0 ? reducers[reducerId] : procedures[procedureId];
    if (!fn) {
      names.error(`schedule of \`${tableName}\` calls missing function \`${functionName}\``);
      continue;
    }
    const [param] = fn.params.elements;
    const rowRef = ctx.tableTypeRefs[tableIndex];
    const takesRow =
      fn.params.elements.length === 1 &&
      (param!.algebraicType.tag === 'Ref'
        ? param!.algebraicType.value === rowRef
        : resolveType(param!.algebraicType, ctx.typespace) === ctx.typespace.types[rowRef!]);
    if (!takesRow) {
      names.error(`scheduled function \`${functionName}\` must take exactly one ${tableName} row`);
    }
    if (reducerId >= 0) reducers[reducerId] = { ...reducers[reducerId]!, clientCallable: false };
    else procedures[procedureId] = { ...procedures[procedureId]!, clientCallable: false };
    tables[tableIndex] = {
      ...table,
      schedule: {
        ...(reducerId >= 0 ? { reducerId } : { procedureId }),
        scheduledAtColumn: def.scheduleAtCol,
        idColumn: table.primaryKey!,
      },
    };
  }
  return { tables, reducers, procedures };
}
