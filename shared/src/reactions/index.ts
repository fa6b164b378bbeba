export {
  isReactionKind,
  REACTION_EMOJI,
  REACTION_KINDS,
  type ReactionKind,
} from './reaction-kinds';
