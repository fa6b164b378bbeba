import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/support/temp-dirs.js';
import { AUTO_GENERATED_PREFIX } from './typescript/file-header.js';
import { writeGeneratedFiles } from './write-generated-files.js';

const tempDir = useTempDirs();
const generated = (body: string) => `${AUTO_GENERATED_PREFIX}. EDITS TO THIS FILE\n${body}\n`;

describe('writeGeneratedFiles', () => {
  it('creates the folder and subfolders and reports every file written', async () => {
    const out = path.join(await tempDir(), 'bindings');
    const written: string[] = [];

    const result = await writeGeneratedFiles(
      out,
      [
        { path: 'index.ts', contents: generated('index') },
        { path: 'types/reducers.ts', contents: generated('reducers') },
      ],
      { onWrite: (file) => written.push(file) },
    );

    expect(result.written).toEqual([
      path.join(out, 'index.ts'),
      path.join(out, 'types/reducers.ts'),
    ]);
    expect(written).toEqual(result.written);
    expect(await readFile(path.join(out, 'types/reducers.ts'), 'utf8')).toBe(generated('reducers'));
  });

  it('leaves files that already hold the generated contents untouched', async () => {
    const out = await tempDir();
    const file = path.join(out, 'index.ts');
    await writeFile(file, generated('same'));
    const before = await stat(file);

    const result = await writeGeneratedFiles(out, [
      { path: 'index.ts', contents: generated('same') },
    ]);

    expect(result).toEqual({ written: [], unchanged: [file], removed: [], kept: [] });
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('deletes earlier generated files, at any depth, and nothing it did not generate', async () => {
    const out = await tempDir();
    await mkdir(path.join(out, 'types'));
    await writeFile(path.join(out, 'old_table.ts'), generated('old'));
    await writeFile(path.join(out, 'types/old.ts'), generated('old'));
    await writeFile(path.join(out, 'helpers.ts'), '// mine\n');
    await writeFile(path.join(out, 'short.ts'), '// THIS');
    const elsewhere = path.join(await tempDir(), 'outside.ts');
    await writeFile(elsewhere, generated('outside'));
    await symlink(elsewhere, path.join(out, 'linked.ts'));
    const asked: (readonly string[])[] = [];

    const result = await writeGeneratedFiles(
      out,
      [{ path: 'index.ts', contents: generated('i') }],
      {
        confirmRemoval: async (stale) => {
          asked.push(stale);
          return true;
        },
      },
    );

    const stale = [path.join(out, 'old_table.ts'), path.join(out, 'types/old.ts')];
    expect(asked).toEqual([stale]);
    expect(result.removed).toEqual(stale);
    expect(await readFile(path.join(out, 'helpers.ts'), 'utf8')).toBe('// mine\n');
    expect(await readFile(path.join(out, 'short.ts'), 'utf8')).toBe('// THIS');
    expect(await readFile(path.join(out, 'linked.ts'), 'utf8')).toBe(generated('outside'));
    await expect(stat(path.join(out, 'old_table.ts'))).rejects.toThrow(/ENOENT/);
  });

  it('keeps stale files when removal is declined, and says so', async () => {
    const out = await tempDir();
    await writeFile(path.join(out, 'old_table.ts'), generated('old'));

    const result = await writeGeneratedFiles(out, [], { confirmRemoval: async () => false });

    expect(result.removed).toEqual([]);
    expect(result.kept).toEqual([path.join(out, 'old_table.ts')]);
    expect(await readFile(path.join(out, 'old_table.ts'), 'utf8')).toBe(generated('old'));
  });
});
