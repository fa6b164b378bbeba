import path from 'node:path';
import { watch } from 'chokidar';

export interface FolderWatch {
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Paths whose changes do not count (generated bindings written into the folder, say). */
  readonly ignore?: readonly string[];
  /** Quiet time after the last change before `onChange` runs (the real CLI waits 300 ms). */
  readonly debounceMs?: number;
}

// Editors' swap and backup files, dependencies and build output never count.
const IGNORED_NAMES = new Set(['node_modules', '.git', 'dist', 'target', '.DS_Store']);
const IGNORED_SUFFIXES = ['~', '.swp', '.swx', '.tmp'];

/**
 * Calls `onChange` once per burst of changes under `folder` (an editor's
 * save writes several events; a `git checkout` writes hundreds).
 */
export async function watchFolder(
  folder: string,
  onChange: (changed: readonly string[]) => void,
  options: WatchOptions = {},
): Promise<FolderWatch> {
  const ignoredPrefixes = (options.ignore ?? []).map((p) => path.resolve(p));
  const debounceMs = options.debounceMs ?? 300;
  const isIgnored = (file: string): boolean => {
    const resolved = path.resolve(file);
    if (ignoredPrefixes.some((p) => resolved === p || resolved.startsWith(`${p}${path.sep}`))) {
      return true;
    }
    const name = path.basename(resolved);
    return IGNORED_NAMES.has(name) || IGNORED_SUFFIXES.some((s) => name.endsWith(s));
  };

  const watcher = watch(folder, { ignoreInitial: true, ignored: isIgnored });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const changed = [...pending].sort();
    pending = new Set();
    onChange(changed);
  };
  watcher.on('all', (_event, file) => {
    pending.add(path.relative(folder, file));
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  return {
    async close() {
      if (timer !== undefined) clearTimeout(timer);
      await watcher.close();
    },
  };
}
