// Admin actions say why: the reason goes to the audit log.
import { MODERATION_REASON_MAX_LENGTH } from '@kith/shared/limits';
import { requireWrittenText } from './validation';

export function requireReason(reason: string): void {
  requireWrittenText(reason, 'The reason', MODERATION_REASON_MAX_LENGTH);
}

/** The start of a text, for the audit log's record of what was removed. */
export function excerpt(text: string, length = 120): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
