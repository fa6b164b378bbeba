// Why an invite code cannot be used, in the words a person signing up sees.
import { ApiError } from '../../http/api-error.js';

export const inviteInvalid = () =>
  new ApiError('invite_invalid', 'This invite code is not valid; check the link you were sent.');

/** Also the answer for an invite whose maker is banned: the ban is not the newcomer's business. */
export const inviteRevoked = () =>
  new ApiError('invite_revoked', 'This invite was withdrawn; ask for a new one.');

export const inviteExpired = () =>
  new ApiError('invite_expired', 'This invite has expired; ask for a new one.');

export const inviteUsedUp = () =>
  new ApiError(
    'invite_used_up',
    'This invite has been used as many times as it allows; ask for a new one.',
  );
