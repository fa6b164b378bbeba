import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-error.js';
import { type FlagSpec, parseArgs } from './parse-args.js';

const specs: FlagSpec[] = [
  { long: 'server', short: 's', value: 'required' },
  { long: 'follow', short: 'f', value: 'none' },
  {
    long: 'delete-data',
    short: 'c',
    value: 'optional',
    implied: 'always',
    choices: ['always', 'never'],
  },
  { long: 'yes', short: 'y', value: 'optional', implied: 'all' },
];

describe('parseArgs', () => {
  it('separates positionals from flags, long and short, with = or a separate value', () => {
    const args = parseArgs(
      ['db', '-s', 'http://x', '--follow', 'more', '--server=http://y'],
      specs,
      'usage',
    );
    expect(args.positionals).toEqual(['db', 'more']);
    expect(args.flags.get('server')).toBe('http://y');
    expect(args.flags.get('follow')).toBe(true);
  });

  it('takes an optional value only when attached with =, like clap require_equals', () => {
    const bare = parseArgs(['--yes', 'my-db', '-c'], specs, 'usage');
    expect(bare.positionals).toEqual(['my-db']);
    expect(bare.flags.get('yes')).toBe('all');
    expect(bare.flags.get('delete-data')).toBe('always');
    const valued = parseArgs(['--delete-data=never', '-y=migrate'], specs, 'usage');
    expect(valued.flags.get('delete-data')).toBe('never');
    expect(valued.flags.get('yes')).toBe('migrate');
  });

  it('keeps negative numbers and everything after -- as positionals', () => {
    expect(parseArgs(['call', '-5', '--', '--follow'], specs, 'u').positionals).toEqual([
      'call',
      '-5',
      '--follow',
    ]);
  });

  it.each([
    [['--nope'], /unexpected argument '--nope'/],
    [['-s'], /--server needs a value/],
    [['--follow=yes'], /does not take a value/],
    [['--delete-data=sometimes'], /possible values: always, never/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv, specs, 'usage')).toThrow(UsageError);
    expect(() => parseArgs(argv, specs, 'usage')).toThrow(message);
  });
});
