import { UsageError } from './cli-error.js';

/** The prompts `--yes[=a,b]` skips, as the real `spacetime publish --yes` values. */
export interface YesFlags {
  readonly deleteData: boolean;
  readonly breakClients: boolean;
  readonly migrate: boolean;
}

const VALUES = ['all', 'remote', 'migrate', 'break-clients', 'skip-login', 'delete-data'] as const;

export function yesFlags(value: string | undefined): YesFlags {
  const chosen = new Set(value === undefined ? [] : value.split(','));
  for (const v of chosen) {
    if (!(VALUES as readonly string[]).includes(v)) {
      throw new UsageError(`invalid value '${v}' for --yes; possible values: ${VALUES.join(', ')}`);
    }
  }
  const all = chosen.has('all');
  return {
    deleteData: all || chosen.has('delete-data'),
    breakClients: all || chosen.has('break-clients'),
    migrate: all || chosen.has('migrate'),
  };
}
