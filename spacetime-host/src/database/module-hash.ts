import { createHash } from 'node:crypto';

/** The sha256 (hex) that names a module bundle on disk and in snapshots. */
export function sha256(program: string): string {
  return createHash('sha256').update(program).digest('hex');
}
