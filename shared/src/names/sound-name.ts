// Ampersound names (`&user.sound`, `&sound`): lowercase letters, digits, `_`
// and inner `-`, 2–32 characters, so that a tag ends cleanly before
// punctuation ("&airhorn-remix!" is the sound `airhorn-remix`).

export const SOUND_NAME_MIN_LENGTH = 2;
export const SOUND_NAME_MAX_LENGTH = 32;

const SOUND_NAME = /^[a-z0-9_][a-z0-9_-]{0,30}[a-z0-9_]$/;

/** True for a sound name as stored. */
export function isValidSoundName(value: string): boolean {
  return SOUND_NAME.test(value);
}
