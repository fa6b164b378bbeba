import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const HEX64 = /^[0-9a-f]{64}$/;

const databaseRecord = z.object({
  identity: z.string().regex(HEX64),
  owner: z.string().regex(HEX64),
  names: z.array(z.string()),
  /** sha256 (hex) of the current module, stored as `module-<hash>.js` beside the data. */
  moduleHash: z.string().regex(/^[0-9a-f]{64}$/),
});

const controlSchema = z.object({
  version: z.literal(1),
  databases: z.array(databaseRecord),
});

export type DatabaseRecord = z.infer<typeof databaseRecord>;
export type ControlState = z.infer<typeof controlSchema>;

export const CONTROL_FILE = 'control.json';

/** control.json could not be read or does not have the expected shape. */
export class ControlFileError extends Error {
  override readonly name = 'ControlFileError';
}

/** Reads `<dataDir>/control.json`; a missing file means no databases yet. */
export async function readControlFile(dataDir: string): Promise<ControlState> {
  const file = path.join(dataDir, CONTROL_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, databases: [] };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ControlFileError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const result = controlSchema.safeParse(parsed);
  if (!result.success) throw new ControlFileError(`${file} is malformed: ${result.error.message}`);
  return result.data;
}

/** Replaces control.json atomically (write, fsync, rename, fsync the directory). */
export async function writeControlFile(dataDir: string, state: ControlState): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, CONTROL_FILE);
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  const dir = await open(dataDir, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
