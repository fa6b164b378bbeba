import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from './generated-file.js';
import { AUTO_GENERATED_PREFIX } from './typescript/file-header.js';

export interface WriteOptions {
  /** Told about each file as it is written (new or changed), for progress messages. */
  readonly onWrite?: (file: string) => void;
  /**
   * Asked before deleting generated files the new generation no longer
   * produces (absolute paths); they are kept when it resolves false. Deleted
   * without asking by default.
   */
  readonly confirmRemoval?: (stale: readonly string[]) => Promise<boolean>;
}

/** What writing changed, as absolute paths, sorted. */
export interface FilesWritten {
  /** New files and files whose contents changed. */
  readonly written: readonly string[];
  /** Files that already held exactly the generated contents (left untouched, mtime and all). */
  readonly unchanged: readonly string[];
  /** Earlier generated files that are no longer generated. */
  readonly removed: readonly string[];
  /** Earlier generated files that are no longer generated, kept because removal was declined. */
  readonly kept: readonly string[];
}

/**
 * Writes generated files into `outDir` as `spacetime generate` does: only
 * files whose contents change are rewritten (each atomically, through a
 * temporary file), then files under `outDir` that start with the generated
 * header but were not generated this time are deleted. Files without the
 * header, and symbolic links, are never touched.
 */
export async function writeGeneratedFiles(
  outDir: string,
  files: readonly GeneratedFile[],
  options: WriteOptions = {},
): Promise<FilesWritten> {
  const root = path.resolve(outDir);
  await mkdir(root, { recursive: true });
  const written: string[] = [];
  const unchanged: string[] = [];
  const generated = new Set<string>();
  for (const file of files) {
    const target = path.join(root, ...file.path.split('/'));
    generated.add(target);
    if ((await readIfFile(target)) === file.contents) {
      unchanged.push(target);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, file.contents);
    await rename(temp, target);
    written.push(target);
    options.onWrite?.(target);
  }
  const stale: string[] = [];
  for (const file of await regularFiles(root)) {
    if (!generated.has(file) && (await startsWithGeneratedHeader(file))) stale.push(file);
  }
  stale.sort();
  const remove = stale.length > 0 && (await (options.confirmRemoval?.(stale) ?? true));
  if (remove) await Promise.all(stale.map((file) => rm(file)));
  return {
    written: written.sort(),
    unchanged: unchanged.sort(),
    removed: remove ? stale : [],
    kept: remove ? [] : stale,
  };
}

async function readIfFile(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Every regular file below `dir`, not following symbolic links. */
async function regularFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await regularFiles(full)));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

async function startsWithGeneratedHeader(file: string): Promise<boolean> {
  const prefix = Buffer.from(AUTO_GENERATED_PREFIX, 'utf8');
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(prefix.length);
    const { bytesRead } = await handle.read(head, 0, prefix.length, 0);
    return bytesRead === prefix.length && head.equals(prefix);
  } finally {
    await handle.close();
  }
}
