import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleModule } from '../../src/runtime/bundle-module.js';
import { ModuleLoadError } from '../../src/runtime/module-errors.js';
import { ModuleInstance } from '../../src/runtime/module-instance.js';
import { FakeDatastore } from '../support/fake-datastore.js';
import { probeModule } from '../support/probe-module.js';
import { RecordingHost } from '../support/recording-host.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

const load = (program: string, host = new RecordingHost()) => ModuleInstance.load(program, host);

describe('bundleModule', () => {
  let program: string;
  beforeAll(async () => {
    program = await bundleModule(path.join(fixtures, 'transfer-module'));
  });

  it('writes one ES module importing only the syscall modules, as spacetime build does', () => {
    const imports = [...program.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(new Set(imports)).toEqual(new Set(['spacetime:sys@2.0', 'spacetime:sys@2.1']));
    expect(program).toMatch(/^export \{/m);
    // rolldown's inline source map, as `spacetime build` writes it.
    expect(program).toContain('//# sourceMappingURL=data:application/json;charset=utf-8;base64,');
    // Target esnext keeps `using`, which real SpacetimeDB runs and our loader must lower.
    expect(program).toMatch(/^\s+using iter = /m);
  });

  it('produces a module that loads and describes itself', () => {
    const instance = load(program);
    expect(instance.rawModuleDef[0]).toBe(2); // RawModuleDef::V10
    expect(instance.rawModuleDef.length).toBeGreaterThan(100);
  });

  it('refuses a folder without src/index.ts', async () => {
    await expect(bundleModule(fixtures)).rejects.toThrow(/no module entry point/);
  });
});

describe('loading a bundle', () => {
  it('reports a module that throws at load', () => {
    expect(() => load(`throw new Error('boom at load');`)).toThrow(ModuleLoadError);
    expect(() => load(`throw new Error('boom at load');`)).toThrow(
      /the module threw while loading: Error: boom at load/,
    );
  });

  it('reports syntax errors, unknown imports and top-level await', () => {
    expect(() => load('export default {{;')).toThrow(/not valid JavaScript/);
    expect(() => load(`import fs from 'node:fs'; export default fs;`)).toThrow(
      /Could not find module "node:fs"/,
    );
    expect(() => load(`import * as s from 'spacetime:sys@1.0'; export default s;`)).toThrow(
      /supports sys module v2.0 and v2.1, not v1.0/,
    );
    expect(() => load(`import * as s from 'spacetime:sys@2'; export default s;`)).toThrow(
      /Invalid version/,
    );
    expect(() => load('await 1; export default {};')).toThrow(ModuleLoadError);
  });

  it('requires a default export that is a Schema', () => {
    expect(() => load('export const x = 1;')).toThrow(
      /must export its schema as the default export/,
    );
    expect(() => load('export default { hello: 1 };')).toThrow(
      /the default export is not a Schema object/,
    );
  });

  it('reports a schema that rejects its exports', () => {
    const program = `
      import { moduleHooks } from 'spacetime:sys@2.0';
      export const stray = 42;
      export default { [moduleHooks]() { throw new TypeError('exporting something that is not a spacetime export'); } };
    `;
    expect(() => load(program)).toThrow(
      /rejected its exports: TypeError: exporting something that is not a spacetime export/,
    );
  });

  it('requires every hook', () => {
    const program = `
      import { moduleHooks } from 'spacetime:sys@2.0';
      export default { [moduleHooks]() { return { __describe_module__: () => new Uint8Array(1) }; } };
    `;
    expect(() => load(program)).toThrow(/lack the function `__get_error_constructor__`/);
  });

  it('passes the hooks a namespace object with sorted keys, which decides reducer order', () => {
    const host = new RecordingHost();
    load(
      probeModule(
        '',
        `
        export const zeta = 1;
        export const alpha = 2;
        export const Mid = 3;
        globalThis.__order = [];
      `,
      ).replace(
        '[moduleHooks](_exports) {',
        '[moduleHooks](_exports) { sys.console_log(2, "KEYS " + Object.keys(_exports).join(",") + " " + Object.prototype.toString.call(_exports));',
      ),
      host,
    );
    expect(host.logs[0]?.message).toBe('KEYS Mid,alpha,default,zeta [object Module]');
  });
});

describe('the module realm', () => {
  const probe = (body: string) => {
    const datastore = new FakeDatastore([]);
    const host = new RecordingHost(datastore);
    const instance = load(probeModule(body), host);
    const tx = datastore.beginMutTx();
    instance.callReducer(0, 'probe', 1n, 0n, 0n, new Uint8Array(0), tx);
    tx.commit(0n);
    return host.reports();
  };

  it('has no Node APIs', () => {
    expect(
      probe(`report(['process', 'require', 'module', 'setTimeout', 'setImmediate', 'queueMicrotask', 'fetch',
        'Buffer', 'global', 'structuredClone', 'console'].map((name) => typeof globalThis[name]));`),
    ).toEqual([Array(11).fill('undefined')]);
  });

  it('has TextEncoder and TextDecoder that behave like SpacetimeDB builtins', () => {
    expect(
      probe(`
        const bytes = new TextEncoder().encode('héllo');
        report([bytes instanceof Uint8Array, Array.from(bytes)]);
        report(new TextDecoder().decode(bytes));
        report(new TextDecoder('utf-8').decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).length);
        report(attempt(() => new TextDecoder('latin1')));
        report(attempt(() => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]))).error);
        report(new TextDecoder().decode(new Uint8Array([0xff])));
      `),
    ).toEqual([
      [true, [104, 195, 169, 108, 108, 111]],
      'héllo',
      2,
      { error: 'RangeError', message: 'The encoding label provided is invalid' },
      'TypeError',
      '\ufffd',
    ]);
  });

  it('has no Math.random', () => {
    expect(probe('report(attempt(() => Math.random()));')).toEqual([
      {
        error: 'TypeError',
        message: 'Math.random is not available in SpacetimeDB modules. Use ctx.random instead.',
      },
    ]);
  });

  it('has what newer V8 has: Symbol.dispose, Set methods, iterator helpers, groupBy, withResolvers', () => {
    expect(
      probe(`
        report([typeof Symbol.dispose, typeof Symbol.asyncDispose]);
        const a = new Set([1, 2]); const b = new Set([1, 2, 3]);
        report([a.isSubsetOf(b), b.isSupersetOf(a), a.isDisjointFrom(new Set([9])), [...a.union(new Set([5]))],
          [...b.difference(a)], [...b.intersection(new Set([3, 4]))], [...a.symmetricDifference(new Set([2, 7]))]]);
        function* count() { yield 1; yield 2; yield 3; yield 4; }
        report([count().map((x) => x * 2).filter((x) => x > 2).toArray(), count().drop(1).take(2).toArray(),
          count().reduce((s, x) => s + x), count().some((x) => x > 3), count().find((x) => x === 2),
          count().flatMap((x) => [x, x]).toArray().length, Iterator.from([5, 6]).toArray()]);
        report([Object.groupBy([1, 2, 3], (x) => (x % 2 ? 'odd' : 'even')), [...Map.groupBy([1, 2], (x) => x > 1)]]);
        report(typeof Promise.withResolvers().resolve);
      `),
    ).toEqual([
      ['symbol', 'symbol'],
      [true, true, true, [1, 2, 5], [3], [3], [1, 7]],
      [[4, 6, 8], [2, 3], 10, true, 2, 8, [5, 6]],
      [
        { odd: [1, 3], even: [2] },
        [
          [false, [1]],
          [true, [2]],
        ],
      ],
      'function',
    ]);
  });

  it('runs `using` declarations (lowered for Node 20) and disposes in order', () => {
    expect(
      probe(`
        const log = [];
        const res = (name) => ({ [Symbol.dispose]() { log.push(name); } });
        { using a = res('a'); using b = res('b'); log.push('body'); }
        report(log);
      `),
    ).toEqual([['body', 'b', 'a']]);
  });
});
