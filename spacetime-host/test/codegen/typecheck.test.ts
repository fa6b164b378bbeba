import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTypeScriptBindings } from '../../src/codegen/index.js';
import { useTempDirs } from '../support/temp-dirs.js';
import {
  createClientProject,
  FIXTURES,
  fixtureDefinition,
  typecheck,
} from './support/client-project.js';

const tempDir = useTempDirs();
const client = (name: string) => path.join(FIXTURES, 'codegen-module/client', name);

describe('generated bindings type-check against the spacetimedb package', () => {
  it('a client using every table, view, reducer, procedure and type kind compiles with tsc', async () => {
    const dir = await tempDir();
    const bindings = generateTypeScriptBindings(await fixtureDefinition('codegen-module'));
    await createClientProject(dir, bindings, [client('app.ts')]);

    const result = await typecheck(dir);

    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('the bindings with private tables and reducers compile too', async () => {
    const dir = await tempDir();
    const bindings = generateTypeScriptBindings(await fixtureDefinition('codegen-module'), {
      includePrivate: true,
    });
    await createClientProject(dir, bindings, [client('app.ts')]);

    const result = await typecheck(dir);

    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('tsc rejects a reducer argument of the wrong type and a reducer the bindings do not offer', async () => {
    const dir = await tempDir();
    const bindings = generateTypeScriptBindings(await fixtureDefinition('codegen-module'));
    await createClientProject(dir, bindings, [
      client('app.ts'),
      client('wrong-argument.ts'),
      client('private-reducer.ts'),
    ]);

    const result = await typecheck(dir);

    expect(result.code).not.toBe(0);
    const errors = result.output.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors).toEqual([
      expect.stringMatching(
        /^src\/private-reducer\.ts\(6,23\): error TS2339: Property 'fireTimer' does not exist/,
      ),
      expect.stringMatching(
        /^src\/wrong-argument\.ts\(6,34\): error TS2322: Type 'string' is not assignable to type 'number'/,
      ),
    ]);
  });
});
