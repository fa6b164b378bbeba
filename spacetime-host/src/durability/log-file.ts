import { open } from 'node:fs/promises';

/**
 * The part of `FileHandle` the commit-log writer uses. Declared here so tests
 * can hand the writer a file whose write or sync fails.
 */
export interface LogFile {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ readonly bytesWritten: number }>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}

/** `r+` resumes an existing segment; `wx` creates a new one and fails if it exists. */
export type OpenLogFile = (path: string, flags: 'r+' | 'wx') => Promise<LogFile>;

export const openLogFile: OpenLogFile = (path, flags) => open(path, flags);

/** `write` may write fewer bytes than asked; loops until all are written. */
export async function writeFully(
  file: Pick<LogFile, 'write'>,
  bytes: Uint8Array,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten <= 0) throw new Error(`write made no progress at byte ${position + done}`);
    done += bytesWritten;
  }
}
