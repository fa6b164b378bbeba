import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/support/temp-dirs.js';
import { BundleError, bundleModule, bundleModuleWithExports } from './bundle-module.js';

const tempDir = useTempDirs();

/** A module folder with these files (paths relative to it). */
async function moduleFolder(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'ESNext', target: 'ESNext' } });

function inlineSourceMap(code: string): { sources: string[] } {
  const match = /sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,(\S+)/.exec(
    code,
  );
  if (match === null) throw new Error('no inline source map');
  return JSON.parse(Buffer.from(match[1]!, 'base64').toString());
}

describe('bundleModule (rolldown, as spacetime build)', () => {
  it('bundles src/index.ts into one ES module, leaving spacetime:sys imports to the host', async () => {
    const dir = await moduleFolder({
      'tsconfig.json': TSCONFIG,
      'src/index.ts':
        'import { moduleHooks } from "spacetime:sys@2.0";\nimport { greet } from "./greet";\nexport default { moduleHooks, hi: greet("ana") };\n',
      'src/greet.ts': 'export const greet = (name: string): string => "hi " + name;\n',
    });
    const bundle = await bundleModuleWithExports(dir);
    expect(bundle.imports).toEqual(['spacetime:sys@2.0']);
    expect(bundle.exports).toEqual(['default']);
    expect(bundle.code).toMatch(/^import \{ moduleHooks \} from "spacetime:sys@2\.0";/);
    expect(bundle.code).not.toContain(': string');
    // Paths in the source map are the module folder's, as the CLI rewrites them.
    expect(inlineSourceMap(bundle.code).sources.sort()).toEqual(['src/greet.ts', 'src/index.ts']);
  });

  it('defines process.env.NODE_ENV as the CLI does: the bare word, so reading it fails as on SpacetimeDB', async () => {
    const dir = await moduleFolder({
      'tsconfig.json': TSCONFIG,
      'src/index.ts': 'export default () => process.env.NODE_ENV;\n',
    });
    expect(await bundleModule(dir)).toContain('() => production');
    expect(await bundleModule(dir, { debug: true })).toContain('() => development');
  });

  it('refuses an import that does not resolve, naming it, as the CLI does', async () => {
    const dir = await moduleFolder({
      'tsconfig.json': TSCONFIG,
      'src/index.ts': 'import pad from "left-pad";\nexport default pad;\n',
    });
    const error = await bundleModule(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BundleError);
    const { diagnostics } = error as BundleError;
    expect(diagnostics[0]).toMatch(/Could not resolve 'left-pad'/);
    expect(diagnostics[0]).toContain('Module not found.');
    expect(diagnostics[0]).not.toContain('treating it as an external');
    expect(diagnostics.at(-1)).toMatch(/forgotten to install dependencies/);
  });

  it('refuses Node built-ins: the browser platform has none, as SpacetimeDB', async () => {
    const dir = await moduleFolder({
      'tsconfig.json': TSCONFIG,
      'src/index.ts': 'import { readFileSync } from "node:fs";\nexport default readFileSync;\n',
    });
    await expect(bundleModule(dir)).rejects.toThrow(/Could not resolve 'node:fs'/);
  });

  it('reports syntax errors with their place, without terminal colours', async () => {
    const dir = await moduleFolder({
      'tsconfig.json': TSCONFIG,
      'src/index.ts': 'export default (;\n',
    });
    const error = (await bundleModule(dir).catch((caught: unknown) => caught)) as BundleError;
    expect(error).toBeInstanceOf(BundleError);
    expect(error.message).toMatch(/could not bundle .*src\/index\.ts/);
    expect(error.diagnostics.join('\n')).toMatch(/PARSE_ERROR[\s\S]*src\/index\.ts:1:17/);
    expect(error.message).not.toContain('\u001b[');
  });

  it('reads the folder’s tsconfig.json, as the CLI does', async () => {
    const dir = await moduleFolder({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "~/*": ["./src/*"] } } }',
      'src/index.ts': 'import { two } from "~/two";\nexport default two;\n',
      'src/two.ts': 'export const two = () => 2;\n',
    });
    // Only the tsconfig's `paths` resolve `~/two`.
    expect(await bundleModule(dir)).toContain('// src/two.ts');
    await writeFile(path.join(dir, 'tsconfig.json'), '{ not json');
    await expect(bundleModule(dir)).rejects.toThrow(BundleError);
  });

  it('passes the build’s warnings on', async () => {
    const dir = await moduleFolder({
      'tsconfig.json': TSCONFIG,
      'src/index.ts': 'import { b } from "./b";\nexport const a = 1;\nexport default b;\n',
      'src/b.ts': 'import { a } from "./index";\nexport const b = () => a;\n',
    });
    const warnings: string[] = [];
    await bundleModule(dir, { onWarning: (warning) => warnings.push(warning) });
    expect(warnings.join('\n')).toMatch(/CIRCULAR_DEPENDENCY/);
  });

  it('refuses a folder without src/index.ts', async () => {
    const dir = await moduleFolder({ 'tsconfig.json': TSCONFIG });
    await expect(bundleModule(dir)).rejects.toThrow(/no module entry point/);
  });
});
