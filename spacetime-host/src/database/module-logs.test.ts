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

  it('stays in order, oldest first, however many times the buffer wraps', () => {
    const logs = new ModuleLogs(3);
    expect(logs.list()).toEqual([]);
    for (let i = 0; i < 11; i++) {
      logs.add(record(String(i)));
      const expected = Array.from({ length: Math.min(3, i + 1) }, (_, k) =>
        String(i - Math.min(2, i) + k),
      );
      expect(logs.list().map((r) => r.message)).toEqual(expected);
    }
  });

  it('returns a copy that later records do not change', () => {
    const logs = new ModuleLogs(2);
    logs.add(record('a'));
    const before = logs.list();
    logs.add(record('b'));
    logs.add(record('c'));
    expect(before.map((r) => r.message)).toEqual(['a']);
  });

  it('keeps nothing with a capacity of 0, but listeners still hear every record', () => {
    const logs = new ModuleLogs(0);
    const heard: string[] = [];
    logs.subscribe((r) => heard.push(r.message));
    logs.add(record('a'));
    logs.add(record('b'));
    expect(logs.list()).toEqual([]);
    expect(heard).toEqual(['a', 'b']);
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
