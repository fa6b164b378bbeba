import type { AlgebraicType } from '../sats/algebraic-type.js';
import { checkBsatn, compileSkipper, splitBsatnVec } from '../sats/bsatn-skipper.js';
import type {
  FunctionSchema,
  ModuleSchema,
  ReducerSchema,
  ViewSchema,
} from '../schema/module-schema.js';
import { InvalidArgumentsError } from './database-errors.js';

type Kind = 'reducer' | 'procedure' | 'view';

export interface CatalogEntry<S> {
  readonly schema: S;
  /** Throws `InvalidArgumentsError` unless `args` is exactly the BSATN of the parameters. */
  readonly checkArgs: (args: Uint8Array) => void;
}

export interface ViewEntry extends CatalogEntry<ViewSchema> {
  /** The view's position among views of its kind: what `__call_view__` / `__call_view_anon__` take. */
  readonly fnIndex: number;
  /** Splits the BSATN array of rows a view returned into rows. */
  readonly splitRows: (rowsVec: Uint8Array) => Uint8Array[];
}

/**
 * A module's callable functions by name, each with a compiled argument
 * validator, so a call is refused before any transaction when its arguments
 * are malformed (SpacetimeDB's `InvalidReducerArguments`).
 */
export class FunctionCatalog {
  readonly #reducers = new Map<string, CatalogEntry<ReducerSchema>>();
  readonly #procedures = new Map<string, CatalogEntry<FunctionSchema>>();
  readonly #views = new Map<string, ViewEntry>();

  constructor(schema: ModuleSchema) {
    const entry = <S extends { name: string; params: FunctionSchema['params'] }>(
      kind: Kind,
      s: S,
    ) => ({
      schema: s,
      checkArgs: argsChecker(kind, s.name, s.params, schema),
    });
    for (const reducer of schema.reducers)
      this.#reducers.set(reducer.name, entry('reducer', reducer));
    for (const procedure of schema.procedures) {
      this.#procedures.set(procedure.name, entry('procedure', procedure));
    }
    for (const view of schema.views) {
      // The schema's view id is what the module dispatches on (its index among views of its kind).
      const fnIndex = view.id;
      const skipRow = compileSkipper({ tag: 'Product', value: view.rowType }, schema.typespace);
      const splitRows = (rowsVec: Uint8Array) => splitBsatnVec(skipRow, rowsVec);
      this.#views.set(view.name, { ...entry('view', view), fnIndex, splitRows });
    }
  }

  reducer(name: string): CatalogEntry<ReducerSchema> | undefined {
    return this.#reducers.get(name);
  }

  procedure(name: string): CatalogEntry<FunctionSchema> | undefined {
    return this.#procedures.get(name);
  }

  view(name: string): ViewEntry | undefined {
    return this.#views.get(name);
  }
}

function argsChecker(
  kind: Kind,
  name: string,
  params: FunctionSchema['params'],
  schema: ModuleSchema,
): (args: Uint8Array) => void {
  const type: AlgebraicType = { tag: 'Product', value: params };
  const skip = compileSkipper(type, schema.typespace);
  return (args) => {
    try {
      checkBsatn(skip, args);
    } catch (error) {
      throw new InvalidArgumentsError(
        kind,
        name,
        error instanceof Error ? error.message : String(error),
      );
    }
  };
}
