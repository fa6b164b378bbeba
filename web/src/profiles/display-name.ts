// How a member is named on screen, and how an unknown one is.
import type { Account } from '../live/live-rows';

export function displayNameOf(account: Account | undefined): string {
  if (account === undefined) return 'Someone';
  return account.displayName.trim() === '' ? account.username : account.displayName;
}
