import { convertCase } from './case-conversion.js';
import { identifierProblem } from './identifier.js';
import type { ExplicitNameEntry } from './raw-module-def.js';

/**
 * Canonical names as SpacetimeDB derives them: an ExplicitNames entry wins,
 * otherwise the source name is converted by the case policy. Also tracks the
 * module-wide namespace that table, index, constraint, sequence, schedule and
 * view names share, and collects every problem instead of stopping at one.
 */
export class NameResolver {
  readonly errors: string[] = [];
  private readonly tables = new Map<string, string>();
  private readonly functions = new Map<string, string>();
  private readonly indexes = new Map<string, string>();
  private readonly namespace = new Set<string>();

  constructor(
    private readonly policy: 'None' | 'SnakeCase',
    explicitNames: readonly ExplicitNameEntry[],
  ) {
    for (const entry of explicitNames) {
      const map =
        entry.tag === 'Table'
          ? this.tables
          : entry.tag === 'Function'
            ? this.functions
            : this.indexes;
      map.set(entry.value.sourceName, entry.value.canonicalName);
    }
  }

  table(source: string): string {
    return this.checked(this.tables.get(source) ?? this.convert(source));
  }

  function(source: string): string {
    return this.checked(this.functions.get(source) ?? this.convert(source));
  }

  /** The explicit canonical name of an index, if the module gave one. */
  explicitIndex(source: string): string | undefined {
    const name = this.indexes.get(source);
    return name === undefined ? undefined : this.checked(name);
  }

  /**
   * One segment of a named type's scoped name. Types have PascalCase names
   * unless the policy is None, so `every_primitive` and `EveryPrimitive` are
   * the same type name.
   */
  typeSegment(source: string): string {
    return this.checked(this.policy === 'None' ? source : convertCase(source, 'pascal'));
  }

  /** Columns, parameters and other plain identifiers. */
  plain(source: string): string {
    return this.checked(this.convert(source));
  }

  /** Claims `name` in the module-wide namespace; a second claim is an error. */
  claim(name: string): void {
    if (this.namespace.has(name)) this.errors.push(`duplicate name \`${name}\``);
    this.namespace.add(name);
  }

  error(message: string): void {
    this.errors.push(message);
  }

  private convert(source: string): string {
    return this.policy === 'SnakeCase' ? convertCase(source, 'snake') : source;
  }

  private checked(name: string): string {
    const problem = identifierProblem(name);
    if (problem) this.errors.push(problem);
    return name;
  }
}
