import type {
  CodegenModule,
  ProcedureDefinition,
  ReducerDefinition,
  TableDefinition,
} from '../codegen-module.js';
import { compareBytewise } from '../compare-bytewise.js';

/**
 * What a client's bindings expose, as crates/codegen/src/util.rs selects it:
 * public tables (all with `includePrivate`), every view, the reducers and
 * procedures clients may call (never `init`).
 */
export interface BindingSelection {
  readonly tables: readonly TableDefinition[];
  readonly views: readonly TableDefinition[];
  /** Tables and views together, by accessor name: the order of the row-schema imports. */
  readonly rowSchemas: readonly TableDefinition[];
  readonly reducers: readonly ReducerDefinition[];
  /** The selected reducers a client can call (no lifecycle reducers). */
  readonly invokableReducers: readonly ReducerDefinition[];
  readonly procedures: readonly ProcedureDefinition[];
}

export function selectBindings(module: CodegenModule, includePrivate: boolean): BindingSelection {
  const tables = module.tables.filter((t) => includePrivate || t.isPublic);
  const reducers = module.reducers.filter(
    (r) => r.lifecycle !== 'init' && (includePrivate || !r.isPrivate),
  );
  return {
    tables,
    views: module.views,
    rowSchemas: [...tables, ...module.views].sort((a, b) =>
      compareBytewise(a.accessorName, b.accessorName),
    ),
    reducers,
    invokableReducers: reducers.filter((r) => r.lifecycle === undefined),
    procedures: module.procedures.filter((p) => includePrivate || !p.isPrivate),
  };
}
