export {
  type AmpersoundReference,
  ampersoundReferences,
  hashtags,
  mentionedUsernames,
} from './text-references';
export type {
  AmpersoundToken,
  HashtagToken,
  LinkToken,
  MentionToken,
  TextToken,
  Token,
} from './token';
export { tokenize } from './tokenize';
