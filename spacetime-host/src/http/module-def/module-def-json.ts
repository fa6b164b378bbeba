import { bsatnToJson } from '../../sats/sats-json.js';
import { HttpError } from '../http-error.js';
import { RAW_MODULE_DEF_TYPE, RAW_MODULE_DEF_TYPESPACE } from './raw-module-def-type.generated.js';

export type ModuleDefVersion = 9 | 10;

/**
 * The module definition as `GET /schema?version=N` returns it: the SATS-JSON
 * (named fields, `{"Variant": …}` sums) of `RawModuleDefV9` or `RawModuleDefV10`.
 *
 * SpacetimeDB converts between the two versions; this host returns the
 * version the module described itself with and refuses the other one with a
 * 400, which makes the `spacetime` CLI fall back to the version it can read.
 */
export function moduleDefJson(rawModuleDef: Uint8Array, version: ModuleDefVersion): unknown {
  const def = bsatnToJson(RAW_MODULE_DEF_TYPE, RAW_MODULE_DEF_TYPESPACE, rawModuleDef, 'typed');
  const [described, body] = Object.entries(def as Record<string, unknown>)[0] ?? [];
  const wanted = version === 10 ? 'V10' : 'V9';
  if (described !== wanted) {
    throw new HttpError(
      400,
      `This module describes itself as RawModuleDef ${described}; spacetime-host cannot convert it to version ${version}.`,
    );
  }
  return body;
}
