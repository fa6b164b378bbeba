import type { ConsoleIo } from './cli-io.js';

/**
 * The real CLI's `y_or_n`: skipped (yes) when `force`, otherwise only an
 * explicit `y`/`yes` answer counts; no interactive input means no.
 */
export async function confirm(io: ConsoleIo, question: string, force: boolean): Promise<boolean> {
  if (force) {
    io.stdout('Skipping confirmation due to --yes\n');
    return true;
  }
  const answer = await io.prompt(`${question} [y/N]`);
  if (answer === undefined) {
    io.stderr('No interactive input to confirm with; pass --yes to skip the question.\n');
    return false;
  }
  return ['y', 'yes'].includes(answer.trim().toLowerCase());
}
