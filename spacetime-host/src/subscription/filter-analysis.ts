import { bytesEqual } from '../datastore/row-bytes.js';
import { scalarCodec } from '../sql/scalar.js';
import type { TypedExpr } from '../sql/typed.js';

/** The rels an expression reads. */
export function relsOf(expr: TypedExpr, into: Set<number> = new Set()): Set<number> {
  switch (expr.kind) {
    case 'value':
      return into;
    case 'field':
      into.add(expr.rel);
      return into;
    default:
      relsOf(expr.left, into);
      relsOf(expr.right, into);
      return into;
  }
}

/** True when `expr` reads `rel` and nothing else. */
export function readsOnly(expr: TypedExpr, rel: number): boolean {
  const rels = relsOf(expr);
  return rels.size === 1 && rels.has(rel);
}

/** `rel.col op constant` (either way round), the shape SpacetimeDB's planner pushes down to a table. */
export function constantComparison(
  expr: TypedExpr,
  rel: number,
): { readonly col: number; readonly op: string; readonly bytes: Uint8Array } | undefined {
  if (expr.kind !== 'cmp') return undefined;
  const { left, right } = expr;
  const [field, value] =
    left.kind === 'field' && right.kind === 'value'
      ? [left, right]
      : right.kind === 'field' && left.kind === 'value'
        ? [right, left]
        : [undefined, undefined];
  if (field === undefined || value === undefined || field.rel !== rel) return undefined;
  const codec = scalarCodec(expr.operandType);
  if (codec === undefined) return undefined;
  return { col: field.col, op: expr.op, bytes: codec.encode(value.value) };
}

/**
 * The values (BSATN) an equality conjunct allows for one column of `rel`:
 * `c = v`, or an OR of such on the same column. Floats are left out:
 * `-0 = 0` holds although their bytes differ.
 */
export function equalityValues(
  expr: TypedExpr,
  rel: number,
): { readonly col: number; readonly values: Uint8Array[] } | undefined {
  if (expr.kind === 'or') {
    const left = equalityValues(expr.left, rel);
    const right = left && equalityValues(expr.right, rel);
    if (left === undefined || right === undefined || left.col !== right.col) return undefined;
    const values = [...left.values];
    for (const v of right.values) if (!values.some((w) => bytesEqual(v, w))) values.push(v);
    return { col: left.col, values };
  }
  if (expr.kind !== 'cmp' || expr.op !== '=' || isFloat(expr.operandType.tag)) return undefined;
  const cmp = constantComparison(expr, rel);
  return cmp && { col: cmp.col, values: [cmp.bytes] };
}

/** Columns of `rel` that WHERE fixes with `col = constant` conjuncts, and the constants' bytes. */
export function equalityConstants(
  filters: readonly TypedExpr[],
  rel: number,
): Map<number, Uint8Array> {
  const constants = new Map<number, Uint8Array>();
  for (const f of filters) {
    if (f.kind !== 'cmp' || f.op !== '=' || isFloat(f.operandType.tag)) continue;
    const cmp = constantComparison(f, rel);
    if (cmp && !constants.has(cmp.col)) constants.set(cmp.col, cmp.bytes);
  }
  return constants;
}

function isFloat(tag: string): boolean {
  return tag === 'F32' || tag === 'F64';
}
