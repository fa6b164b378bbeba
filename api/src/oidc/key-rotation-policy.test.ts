import { describe, expect, it } from 'vitest';
import { type DatedKey, type KeyRotationTimes, planKeyRotation } from './key-rotation-policy.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIMES: KeyRotationTimes = {
  rotateAfterMs: 30 * DAY,
  publishAheadMs: HOUR,
  tokenLifetimeMs: 15 * 60_000,
  clockSkewMs: 60_000,
};
const A: DatedKey = { kid: 'a', createdAt: 0 };
const B: DatedKey = { kid: 'b', createdAt: 30 * DAY };
const C: DatedKey = { kid: 'c', createdAt: 60 * DAY };
/** When the last token signed by a key whose successor is `next` expires. */
const lastTokenOf = (next: DatedKey) => next.createdAt + HOUR + 16 * 60_000;

describe('planKeyRotation', () => {
  it.each([
    ['no key yet: create one', [], 0, { signerKid: undefined, createKey: true, dropKids: [] }],
    [
      'a fresh first key signs at once',
      [A],
      1000,
      { signerKid: 'a', createKey: false, dropKids: [] },
    ],
    [
      'a key past rotateAfter: create the next',
      [A],
      30 * DAY,
      { signerKid: 'a', createKey: true, dropKids: [] },
    ],
    [
      'the next key is published but does not sign yet',
      [A, B],
      30 * DAY + HOUR - 1,
      { signerKid: 'a', createKey: false, dropKids: [] },
    ],
    [
      'the next key signs once published for publishAhead',
      [A, B],
      30 * DAY + HOUR,
      { signerKid: 'b', createKey: false, dropKids: [] },
    ],
    [
      'the old key stays while its last tokens live',
      [A, B],
      lastTokenOf(B) - 1,
      { signerKid: 'b', createKey: false, dropKids: [] },
    ],
    [
      'the old key goes once they have expired',
      [A, B],
      lastTokenOf(B),
      { signerKid: 'b', createKey: false, dropKids: ['a'] },
    ],
    [
      'after a long stop: the newest published key signs, the rest go, a new one is due',
      [A, B, C],
      90 * DAY,
      { signerKid: 'c', createKey: true, dropKids: ['a', 'b'] },
    ],
  ] as const)('%s', (_name, keys, now, plan) => {
    expect(planKeyRotation(keys, now, TIMES)).toEqual(plan);
  });

  it('orders keys by creation, whatever order they are listed in', () => {
    expect(planKeyRotation([B, A], 30 * DAY + HOUR, TIMES).signerKid).toBe('b');
  });
});
