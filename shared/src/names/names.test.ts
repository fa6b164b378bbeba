import { describe, expect, it } from 'vitest';
import { isValidSoundName } from './sound-name';
import { isValidUsername } from './username';

describe('usernames', () => {
  it.each([
    ['ana', true],
    ['ana_b2', true],
    ['a'.repeat(20), true],
    ['ab', false],
    ['a'.repeat(21), false],
    ['Ana', false],
    ['ana-b', false],
    ['', false],
  ])('%j valid: %s', (name, valid) => {
    expect(isValidUsername(name)).toBe(valid);
  });
});

describe('sound names', () => {
  it.each([
    ['airhorn', true],
    ['air-horn_2', true],
    ['ab', true],
    ['a'.repeat(32), true],
    ['a', false],
    ['a'.repeat(33), false],
    ['-boom', false],
    ['boom-', false],
    ['Boom', false],
    ['bo om', false],
  ])('%j valid: %s', (name, valid) => {
    expect(isValidSoundName(name)).toBe(valid);
  });
});
