export {
  isValidSoundName,
  SOUND_NAME_MAX_LENGTH,
  SOUND_NAME_MIN_LENGTH,
} from './sound-name';
export {
  isValidUsername,
  USERNAME_CHAR,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
} from './username';
