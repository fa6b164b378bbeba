import { describe, expect, it } from 'vitest';
import { moduleFramesOnly } from './module-stack.js';

describe('moduleFramesOnly', () => {
  it('keeps the message, even on several lines, and the module frames only', () => {
    const stack = [
      'Error: first line',
      'second line',
      '    at SyscallEnv.codeError (/host/src/runtime/syscall-env.ts:124:12)',
      '    at insert (spacetimedb_module:7906:11)',
      '    at transfer (spacetimedb_module:9235:15)',
      '    at executeReducer (/host/src/database/execute-reducer.ts:43:22)',
    ].join('\n');
    expect(moduleFramesOnly(stack)).toBe(
      [
        'Error: first line',
        'second line',
        '    at insert (spacetimedb_module:7906:11)',
        '    at transfer (spacetimedb_module:9235:15)',
      ].join('\n'),
    );
  });

  it('leaves a stack without frames alone', () => {
    expect(moduleFramesOnly('Error: bare')).toBe('Error: bare');
  });
});
