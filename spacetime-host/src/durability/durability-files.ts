import { mkdir, open, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * File names inside one database directory. Offsets are zero-padded to 20
 * digits (the width of a u64) so a directory listing sorts in log order.
 */
export const COMMITLOG_DIR = 'commitlog';
export const SNAPSHOTS_DIR = 'snapshots';
export const SEGMENT_SUFFIX = '.log';
export const SNAPSHOT_SUFFIX = '.snapshot';
/** Suffix of a snapshot being written; one left behind by a crash is deleted at recovery. */
export const TEMP_SUFFIX = '.tmp';

export interface NumberedFile {
  readonly txOffset: bigint;
  readonly path: string;
}

export function numberedFileName(txOffset: bigint, suffix: string): string {
  return `${txOffset.toString().padStart(20, '0')}${suffix}`;
}

const NUMBERED = /^(\d{1,20})(\.[a-z]+)$/;

/** Files in `dir` named `<txOffset><suffix>`, ascending by offset; [] if `dir` is missing. */
export async function listNumberedFiles(dir: string, suffix: string): Promise<NumberedFile[]> {
  const files: NumberedFile[] = [];
  for (const name of await readdirIfExists(dir)) {
    const match = NUMBERED.exec(name);
    if (match?.[2] === suffix)
      files.push({ txOffset: BigInt(match[1]!), path: path.join(dir, name) });
  }
  return files.sort((a, b) => (a.txOffset < b.txOffset ? -1 : a.txOffset > b.txOffset ? 1 : 0));
}

export async function readdirIfExists(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Makes `dir` exist durably: the directory and its entry in the parent are synced. */
export async function ensureDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true });
  if (created === undefined) return;
  // mkdir -p may create a chain a/b/c: each new entry lives in its parent.
  const first = path.resolve(created);
  let current = path.resolve(dir);
  for (;;) {
    await fsyncDir(path.dirname(current));
    if (current === first || path.dirname(current) === current) return;
    current = path.dirname(current);
  }
}

/** Syncs a directory so that files created, renamed or deleted in it survive a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
