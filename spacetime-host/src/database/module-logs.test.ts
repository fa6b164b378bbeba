import { describe, expect, it } from 'vitest';
import type { LogRecord } from './database-api.js';
import { ModuleLogs } from './module-logs.js';

const record = (message: string): LogRecord => ({ level: 'info', ts: 1n, message });

describe('ModuleLogs', () => {
  it('keeps the newest records up to its capacity', () => {
    const logs = new ModuleLogs(2);
    for (const m of ['a', 'b', 'c']) logs.add(record(m));
    expect(logs.list().map((r) => r.message)).toEqual(['b', 'c']);
  });

  it('tells listeners until they unsubscribe, even when one of them throws', () => {
    const logs = new ModuleLogs();
    const heard: string[] = [];
    logs.subscribe(() => {
      throw new Error('closed stream');
    });
    const stop = logs.subscribe((r) => heard.push(r.message));
    logs.add(record('first'));
    stop();
    logs.add(record('second'));
    expect(heard).toEqual(['first']);
    expect(logs.list()).toHaveLength(2);
  });
});
