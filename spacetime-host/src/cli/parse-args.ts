import { UsageError } from './cli-error.js';

/**
 * A flag of a subcommand. `value: 'optional'` flags take a value only when
 * it is attached with `=` (`--delete-data=on-conflict`), as clap's
 * `require_equals` does, so `--yes my-db` keeps `my-db` as a positional.
 */
export interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  readonly value: 'none' | 'required' | 'optional';
  /** For `optional` flags given without a value. */
  readonly implied?: string;
  readonly choices?: readonly string[];
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** By long name; `true` for a flag without a value. Repeated flags keep the last value. */
  readonly flags: ReadonlyMap<string, string | true>;
}

export function parseArgs(
  argv: readonly string[],
  specs: readonly FlagSpec[],
  usage: string,
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const [name, attached] = splitFlag(arg);
    const spec = specs.find((s) => (arg.startsWith('--') ? s.long === name : s.short === name));
    if (spec === undefined) throw new UsageError(`unexpected argument '${arg}'`, usage);
    let value: string | true;
    if (spec.value === 'none') {
      if (attached !== undefined)
        throw new UsageError(`--${spec.long} does not take a value`, usage);
      value = true;
    } else if (spec.value === 'optional') {
      value = attached ?? spec.implied ?? true;
    } else if (attached !== undefined) {
      value = attached;
    } else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`--${spec.long} needs a value`, usage);
      value = next;
      i++;
    }
    if (typeof value === 'string' && spec.choices !== undefined && !spec.choices.includes(value)) {
      throw new UsageError(
        `invalid value '${value}' for --${spec.long}; possible values: ${spec.choices.join(', ')}`,
        usage,
      );
    }
    flags.set(spec.long, value);
  }
  return { positionals, flags };
}

function splitFlag(arg: string): [string, string | undefined] {
  const body = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
  const eq = body.indexOf('=');
  return eq < 0 ? [body, undefined] : [body.slice(0, eq), body.slice(eq + 1)];
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.has(name);
}
