import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ControlFileError, readControlFile, writeControlFile } from './control-file.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'control-file-'));
  dirs.push(dir);
  return dir;
};

describe('control.json', () => {
  it('starts empty and round-trips the databases', async () => {
    const dir = await tempDir();
    expect(await readControlFile(dir)).toEqual({ version: 1, databases: [] });
    const state = {
      version: 1 as const,
      databases: [
        {
          identity: 'c2'.repeat(32),
          owner: 'ab'.repeat(32),
          names: ['chat'],
          moduleHash: 'f'.repeat(64),
        },
      ],
    };
    await writeControlFile(dir, state);
    expect(await readControlFile(dir)).toEqual(state);
    expect(JSON.parse(await readFile(path.join(dir, 'control.json'), 'utf8'))).toEqual(state);
  });

  it('refuses a malformed or corrupt file', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, 'control.json'),
      '{"version":1,"databases":[{"identity":"xyz"}]}',
    );
    await expect(readControlFile(dir)).rejects.toThrow(ControlFileError);
    await writeFile(path.join(dir, 'control.json'), '{not json');
    await expect(readControlFile(dir)).rejects.toThrow(/is not JSON/);
  });
});
