import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-client/api-error';
import { renewalRefusal, SESSION_ENDED_NOTICE } from './session-watch';

describe('a refused renewal of the connection’s token', () => {
  it('ends the session when the API says it is over', () => {
    expect(renewalRefusal(new ApiError('unauthorized', 'Log in first.', 401))).toBe(
      SESSION_ENDED_NOTICE,
    );
  });

  it('ends it with the admin’s reason when the account is banned', () => {
    const banned = new ApiError('account_banned', 'Suspended: spam.', 403);
    expect(renewalRefusal(banned)).toBe('Suspended: spam.');
  });

  it.each([
    ['the API out of reach', new ApiError('network_error', 'Kith could not be reached.', 0)],
    ['a server error', new ApiError('internal_error', 'Kith had a problem.', 500)],
    ['a refused CSRF token', new ApiError('csrf_failed', 'Reload the page.', 403)],
    ['something else', new Error('boom')],
  ])('leaves it for %s (the next reconnect asks again)', (_, error) => {
    expect(renewalRefusal(error)).toBeUndefined();
  });
});
