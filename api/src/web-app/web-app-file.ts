// One file of the built web app: found only inside the build folder, sent
// with its type, a validator and the caching its kind allows.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { getMimeType } from 'hono/utils/mime';

export interface WebAppFile {
  readonly path: string;
  readonly size: number;
  /** Weak: from size and modification time, enough to tell a rebuilt file. */
  readonly etag: string;
  readonly lastModified: Date;
}

/**
 * The file a URL path names inside `distDir`, if it is a regular file there.
 * Anything that could leave the folder (`..`, encoded slashes or backslashes,
 * NUL) names no file.
 */
export async function findWebAppFile(
  distDir: string,
  urlPath: string,
): Promise<WebAppFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(decoded) || decoded.split('/').some((part) => part === '..' || part === '.')) {
    return undefined;
  }
  const file = path.join(distDir, decoded);
  if (!file.startsWith(`${distDir}${path.sep}`)) return undefined;
  return fileAt(file);
}

export async function fileAt(file: string): Promise<WebAppFile | undefined> {
  try {
    const stats = await stat(file);
    if (!stats.isFile()) return undefined;
    return {
      path: file,
      size: stats.size,
      etag: `W/"${stats.size.toString(16)}-${Math.trunc(stats.mtimeMs).toString(16)}"`,
      lastModified: stats.mtime,
    };
  } catch {
    return undefined;
  }
}

/** Sends `file` (headers only for HEAD; 304 when the client's copy is current). */
export function sendWebAppFile(
  c: Context,
  file: WebAppFile,
  headers: Readonly<Record<string, string>>,
): Response {
  const common = {
    ...headers,
    ETag: file.etag,
    'Last-Modified': file.lastModified.toUTCString(),
  };
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, common);
  const sent = {
    ...common,
    'Content-Type': getMimeType(file.path) ?? 'application/octet-stream',
    'Content-Length': String(file.size),
  };
  if (c.req.method === 'HEAD') return c.body(null, 200, sent);
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return c.body(body, 200, sent);
}
