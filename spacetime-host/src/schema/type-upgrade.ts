import type { AlgebraicType } from '../sats/algebraic-type.js';
import { formatType } from './type-format.js';
import { typeLayout } from './type-layout.js';

/**
 * Whether values stored at `before` remain valid at `after`, by SpacetimeDB's
 * automatic-migration rules (auto_migrate.rs `ensure_old_ty_upgradable_to_new`):
 * sums may gain variants at the end if their layout does not change, products
 * must keep their fields (names included), everything else must stay equal.
 * Returns the problems (empty when upgradable) and whether the type changed.
 */
export function checkTypeUpgrade(
  before: AlgebraicType,
  after: AlgebraicType,
  table: string,
  column: string,
): { problems: string[]; changed: boolean } {
  const problems: string[] = [];
  const changed = walk(before, after, false);
  return { problems, changed };

  function fail(within: boolean, from: AlgebraicType, to: AlgebraicType, why: string): false {
    const what = within ? 'a type within column' : 'the type of column';
    problems.push(
      `Changing ${what} ${column} in table ${table} from ${formatType(from)} to ${formatType(to)}${why} requires a manual migration`,
    );
    return false;
  }

  function walk(from: AlgebraicType, to: AlgebraicType, within: boolean): boolean {
    if (from.tag === 'Sum' && to.tag === 'Sum') {
      const old = from.value.variants;
      const next = to.value.variants;
      let changedHere = old.length < next.length;
      if (old.length > next.length) fail(within, from, to, ', with fewer variants,');
      old.forEach((variant, i) => {
        const counterpart = next[i];
        if (counterpart === undefined) return;
        if (walk(variant.algebraicType, counterpart.algebraicType, true)) changedHere = true;
        if (variant.name !== counterpart.name) fail(within, from, to, ', with a renamed variant,');
      });
      const a = typeLayout(from);
      const b = typeLayout(to);
      if (a.size !== b.size) fail(within, from, to, ', due to size mismatch,');
      if (a.align !== b.align) fail(within, from, to, ', due to alignment mismatch,');
      return changedHere;
    }
    if (from.tag === 'Product' && to.tag === 'Product') {
      const old = from.value.elements;
      const next = to.value.elements;
      let changedHere = false;
      if (old.length !== next.length) fail(within, from, to, ', with fewer fields,');
      old.forEach((field, i) => {
        const counterpart = next[i];
        if (counterpart === undefined) return;
        if (walk(field.algebraicType, counterpart.algebraicType, true)) changedHere = true;
        if (field.name !== counterpart.name) fail(within, from, to, ', with a renamed field,');
      });
      return changedHere;
    }
    if (from.tag === 'Array' && to.tag === 'Array') return walk(from.value, to.value, true);
    if (from.tag === to.tag && from.tag !== 'Ref') return false;
    return fail(within, from, to, '');
  }
}
