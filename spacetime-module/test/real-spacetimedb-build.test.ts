// The module built exactly as `spacetime publish` builds it (the folder's
// typecheck, then rolldown with the CLI's options and the CLI's checks of the
// bundle), checked for what only a real SpacetimeDB gives a module, then
// published to spacetime-host and called once through the official SDK. No
// `spacetime` binary runs here: this is the evidence short of one.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleModuleWithExports,
  type ModuleBundle,
} from '../../spacetime-host/src/runtime/bundle-module.js';
import { spacetimeBuildRefusals } from '../../spacetime-host/src/runtime/spacetime-build-refusals.js';
import { useTempDirs } from '../../spacetime-host/test/support/temp-dirs.js';
import { startHostServer } from './support/host-runtime.js';
import { connectKith, type KithClient } from './support/kith-client.js';
import { AUDIENCE, KithIssuer, testUser } from './support/kith-issuer.js';
import { KITH_DB } from './support/kith-server.js';
import {
  importsOf,
  importsUnder,
  type ModuleImport,
  nodeGlobalsIn,
} from './support/module-imports.js';

const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tempDir = useTempDirs();

/**
 * What the module's own source may import: the server SDK, its types, the
 * shared Kith package and its own files. `import { type X } from 'spacetimedb'`
 * does not count as type-only: the build keeps it as `import 'spacetimedb'`
 * (onlyRemoveTypeImports), which would load the client SDK into the module.
 */
function forbiddenImports(imports: readonly ModuleImport[]): string[] {
  return imports
    .filter(({ specifier, typeOnly }) => {
      if (specifier.startsWith('.')) return false;
      if (specifier === 'spacetimedb/server') return false;
      if (specifier === '@kith/shared' || specifier.startsWith('@kith/shared/')) return false;
      return !(specifier === 'spacetimedb' && typeOnly);
    })
    .map(({ file, specifier }) => `${path.relative(moduleDir, file)}: ${specifier}`);
}

/** Where the bundle's code came from, per its inline source map (paths relative to the module folder). */
function bundledSources(code: string): string[] {
  const match = /\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,(\S+)/.exec(
    code,
  );
  if (match?.[1] === undefined) throw new Error('the bundle has no inline source map');
  return (JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')) as { sources: string[] })
    .sources;
}

/** tsc, as the CLI runs it before bundling; its exit code and everything it printed. */
function typecheck(project: string): Promise<{ code: number | null; output: string }> {
  const tsc = path.join(
    path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
    'bin/tsc',
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--noEmit'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('spacetime-module as `spacetime publish` builds it', () => {
  let bundle: ModuleBundle;
  const warnings: string[] = [];
  beforeAll(async () => {
    bundle = await bundleModuleWithExports(moduleDir, { onWarning: (w) => warnings.push(w) });
  });

  // The CLI runs the folder's own node_modules/.bin/tsc, which npm's workspace
  // hoisting leaves out here: it would skip the check with a warning, so the
  // README asks for `npm run typecheck -w spacetime-module` first, and this
  // runs the same check.
  it("type-checks with its own tsconfig (the CLI's `tsc --noEmit` step)", async () => {
    expect(await typecheck(moduleDir)).toEqual({ code: 0, output: '' });
  });

  it('bundles with no warning but the one about tsconfig options rolldown overrides', () => {
    // The CLI's `onlyRemoveTypeImports` wins over the shared tsconfig's
    // verbatimModuleSyntax; both strip only `import type`, so nothing changes.
    // SpacetimeDB's own templates (templates/*/spacetimedb/tsconfig.json) set
    // verbatimModuleSyntax too, and get the same warning from this build.
    expect(warnings.filter((warning) => !/verbatimModuleSyntax/.test(warning))).toEqual([]);
  });

  it('passes the checks the CLI makes after bundling: one syscall major version, a default export', () => {
    expect(spacetimeBuildRefusals(bundle)).toEqual([]);
    expect(bundle.imports.length).toBeGreaterThan(0);
    expect(bundle.exports).toContain('default');
  });

  it('imports nothing but the host’s `spacetime:sys@…` modules, statically or dynamically', () => {
    const imports = importsOf(bundle.code, 'bundle.js');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter(({ specifier }) => !/^spacetime:sys@\d+\.\d+$/.test(specifier))).toEqual(
      [],
    );
    expect(new Set(imports.map(({ specifier }) => specifier))).toEqual(new Set(bundle.imports));
    // The only ones SpacetimeDB's V8 host resolves for a 2.x module
    // (crates/core/src/host/v8/syscall/mod.rs, resolve_sys_module_inner).
    for (const specifier of bundle.imports) {
      expect(['spacetime:sys@2.0', 'spacetime:sys@2.1']).toContain(specifier);
    }
  });

  it('reads no Node.js global (process, Buffer, require, …), which SpacetimeDB does not have', () => {
    expect(nodeGlobalsIn(bundle.code, 'bundle.js')).toEqual([]);
  });

  it('is built only from its own src, @kith/shared and spacetimedb (with its one dependency)', () => {
    const origins = new Set(
      bundledSources(bundle.code).map((source) => {
        if (source.startsWith('src/')) return 'src';
        if (source.startsWith('../shared/src/')) return '@kith/shared';
        // headers-polyfill is spacetimedb/server's own dependency (its fetch's Headers).
        return /^\.\.\/node_modules\/([^/]+)\//.exec(source)?.[1] ?? source;
      }),
    );
    expect(origins).toEqual(new Set(['src', '@kith/shared', 'spacetimedb', 'headers-polyfill']));
  });

  it('imports in its source only spacetimedb/server, spacetimedb (types) and @kith/shared', async () => {
    const imports = await importsUnder(path.join(moduleDir, 'src'));
    expect(imports.some(({ specifier }) => specifier === 'spacetimedb/server')).toBe(true);
    expect(forbiddenImports(imports)).toEqual([]);
  });
});

describe('the checks above catch what would not run on SpacetimeDB', () => {
  it('flags Node, client SDK and other packages, however they are imported', () => {
    const source = [
      "import type { Identity } from 'spacetimedb';",
      "export type { Timestamp } from 'spacetimedb';",
      "import { schema } from 'spacetimedb/server';",
      "import { LIMITS } from '@kith/shared/limits';",
      "import { helper } from './helper';",
      "import { type ConnectionId } from 'spacetimedb';",
      "import { readFileSync } from 'node:fs';",
      "export * from 'zod';",
      "const later = () => import('hono');",
    ].join('\n');
    expect(forbiddenImports(importsOf(source, path.join(moduleDir, 'src/sample.ts')))).toEqual([
      'src/sample.ts: spacetimedb',
      'src/sample.ts: node:fs',
      'src/sample.ts: zod',
      'src/sample.ts: hono',
    ]);
  });

  it('finds Node globals read as variables, not properties, names probed with typeof first or the code’s own bindings', () => {
    const code = [
      'const mode = process.env.MODE;',
      'const bytes = Buffer.from("x");',
      'const config = { process: 1, module: 2 };',
      'config.require = 3;',
      'const wrapped = (exports, module) => { module.exports = 1; };',
      'const isGlobal = (x) => typeof global !== "undefined" && x === global;',
    ].join('\n');
    expect(nodeGlobalsIn(code, 'bundle.js').sort()).toEqual(['Buffer', 'process']);
  });

  it('finds a typecheck failure', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'src'));
    await writeFile(path.join(dir, 'tsconfig.json'), '{ "include": ["src"] }');
    await writeFile(path.join(dir, 'src/index.ts'), 'export const n: number = "one";\n');
    const result = await typecheck(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/error TS2322/);
  });
});

describe('the bundle on spacetime-host', () => {
  const issuer = new KithIssuer();
  let stopHost: (() => Promise<void>) | undefined;
  const clients: KithClient[] = [];
  afterAll(async () => {
    for (const client of clients) client.conn.disconnect();
    await stopHost?.();
    await issuer.stop();
  });

  it('publishes and answers a reducer called through the official SDK', async () => {
    const program = (await bundleModuleWithExports(moduleDir)).code;
    await issuer.start();
    const server = await startHostServer(await tempDir());
    stopHost = () => server.close();
    const owner = await server.auth.issueNewIdentity();
    await server.host.publish({ program, name: KITH_DB, publisher: owner.identity, clear: false });
    const member = await issuer.memberToken(testUser('ana'));
    // Before configure_auth the module trusts no issuer, so a member is refused...
    await expect(connectKith(server, member)).rejects.toBeDefined();

    const ownerClient = await connectKith(server, owner.token);
    clients.push(ownerClient);
    await ownerClient.conn.reducers.configureAuth({ issuer: issuer.url, audience: AUDIENCE });

    // ...and after the owner's call through the SDK, the same token connects.
    const memberClient = await connectKith(server, member);
    clients.push(memberClient);
    expect(memberClient.identity.toHexString()).toMatch(/^[0-9a-f]{64}$/);
  });
});
