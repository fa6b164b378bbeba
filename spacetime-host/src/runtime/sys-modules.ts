import { datastoreSyscalls } from './datastore-syscalls.js';
import { hostSyscalls } from './host-syscalls.js';
import type { SyscallEnv } from './syscall-env.js';

/**
 * SpacetimeDB's symbol for the default export's hook factory
 * (`Symbol::for_api("SpacetimeDB.moduleHooks.v2")`); modules only ever get it
 * from `spacetime:sys@2.0`, so its identity is the host's choice.
 */
export const moduleHooks: unique symbol = Symbol('SpacetimeDB.moduleHooks.v2');

/**
 * Builds the `require` a lowered bundle calls for its `spacetime:sys@<major>.<minor>`
 * imports, answering as SpacetimeDB's `resolve_sys_module` does.
 */
export function createSysRequire(env: SyscallEnv): (specifier: string) => unknown {
  const { datastore_clear, ...datastore } = datastoreSyscalls(env);
  const realm = env.realm;
  const v2_0 = realm.freeze(
    Object.assign(realm.nullObject(), { moduleHooks }, datastore, hostSyscalls(env)),
  );
  const v2_1 = realm.freeze(Object.assign(realm.nullObject(), { datastore_clear }));

  return (specifier: string) => {
    const spec = String(specifier);
    const match = /^spacetime:([^@]+)@(.*)$/.exec(spec);
    if (match === null) throw new realm.TypeError(`Could not find module ${JSON.stringify(spec)}`);
    const [, name, version] = match;
    const numbers = /^(\d+)\.(\d+)$/.exec(version!);
    if (numbers === null)
      throw new realm.TypeError(`Invalid version in module spec ${JSON.stringify(spec)}`);
    if (name !== 'sys') throw new realm.TypeError(`Could not find module ${JSON.stringify(spec)}`);
    if (version === '2.0') return v2_0;
    if (version === '2.1') return v2_1;
    throw new realm.TypeError(
      `Could not import ${JSON.stringify(spec)}: this host runs SpacetimeDB 2.x modules and supports sys module v2.0 and v2.1, not v${numbers[1]}.${numbers[2]}.`,
    );
  };
}
