import { beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedFile, generateTypeScriptBindings } from '../../src/codegen/index.js';
import { HANGMAN_CLI_BINDINGS } from './expected/hangman-cli-bindings.js';
import { fixtureDefinition } from './support/client-project.js';

/** `export const X`, `export type X`, `export class X`, `export default`, in order, each name once. */
function exportedNames(contents: string): string[] {
  const names = [...contents.matchAll(/^export (?:(?:const|type|class) (\w+)|(default))/gm)].map(
    (m) => m[1] ?? m[2]!,
  );
  return [...new Set(names)];
}

/** The fields of a file's default-exported row or argument schema, as the expected file writes them. */
function defaultExportFields(contents: string): string[] {
  const body = contents.slice(contents.indexOf('export default'));
  const fields: string[] = [];
  for (const match of body.matchAll(
    /^ {2}(?:get (\w+)\(\) \{\n {4}return (.*);|(\w+): (.*),)$/gm,
  )) {
    const name = (match[1] ?? match[3])!;
    const builder = (match[2] ?? match[4])!;
    const column = /\.name\("(\w+)"\)$/.exec(builder)?.[1];
    fields.push(
      `${name}${builder.includes('.primaryKey()') ? '*' : ''}${column === undefined ? '' : `=${column}`}`,
    );
  }
  return fields;
}

function indexRegistrations(index: string) {
  return {
    tables: [...index.matchAll(/^ {2}(\w+): __table\(\{\n {4}name: '(\w+)',/gm)].map((m) => [
      m[1],
      m[2],
    ]),
    reducers: [...index.matchAll(/__reducerSchema\("(\w+)"/g)].map((m) => m[1]),
    procedures: [...index.matchAll(/__procedureSchema\("(\w+)"/g)].map((m) => m[1]),
  };
}

describe('bindings for the hangman template have the structure the real CLI generated', () => {
  let files: GeneratedFile[];
  const file = (path: string) => files.find((f) => f.path === path)!.contents;
  beforeAll(async () => {
    files = generateTypeScriptBindings(await fixtureDefinition('hangman-module'));
  });

  it('generates the same files, exporting the same names', () => {
    const exports = Object.fromEntries(files.map((f) => [f.path, exportedNames(f.contents)]));
    expect(exports).toEqual(HANGMAN_CLI_BINDINGS.files);
  });

  it('row and argument schemas have the same fields, keys and column names', () => {
    const fields = Object.fromEntries(
      Object.keys(HANGMAN_CLI_BINDINGS.fields).map((path) => [
        path,
        defaultExportFields(file(path)),
      ]),
    );
    expect(fields).toEqual(HANGMAN_CLI_BINDINGS.fields);
  });

  it('index.ts registers the same tables (by key and canonical name), reducers and procedures', () => {
    expect(indexRegistrations(file('index.ts'))).toEqual({
      tables: HANGMAN_CLI_BINDINGS.tables,
      reducers: HANGMAN_CLI_BINDINGS.reducers,
      procedures: HANGMAN_CLI_BINDINGS.procedures,
    });
  });
});
