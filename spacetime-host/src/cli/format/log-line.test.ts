import { describe, expect, it } from 'vitest';
import { formatLogLine } from './log-line.js';

describe('formatLogLine', () => {
  it('prints time, level, function, location and message as `spacetime logs`', () => {
    expect(
      formatLogLine({
        level: 'Info',
        ts: 1_700_000_000_123_456,
        filename: 'src/index.ts',
        line_number: 12,
        function: 'add',
        message: 'hello',
      }),
    ).toBe('2023-11-14T22:13:20.123456Z  INFO: add src/index.ts:12: hello\n');
  });

  it('leaves out what the record does not have and the host sentinel', () => {
    expect(formatLogLine({ level: 'Error', message: 'boom', function: '__spacetimedb__' })).toBe(
      'ERROR: boom\n',
    );
    expect(
      formatLogLine({
        level: 'Panic',
        message: 'p',
        trace: [{ module_name: 'm', func_name: 'f' }],
      }),
    ).toBe('PANIC: p\n    in m :: f\n');
  });
});
