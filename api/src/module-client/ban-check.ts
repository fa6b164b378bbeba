/** A ban in force on an account, as moderators set it in the module. */
export interface AccountBan {
  /** Why, in the admin's words (may be empty). */
  readonly reason: string;
}

/**
 * Whether the module holds a ban on a user. Asked after a correct password
 * and before every ID token, so a banned person gets no new session and no
 * token to connect with.
 */
export interface BanCheck {
  /** The ban in force on the user (the API's user id), or undefined when there is none. */
  banOf(userId: string): Promise<AccountBan | undefined>;
}

/**
 * Every ban in force, for the ban sweep, which ends what banned people still
 * hold (sessions, invites) between their logins. Unlike BanCheck it does not
 * answer "nobody" when the module is down: it throws ModuleQueryError, so the
 * sweep can tell "no bans" from "no answer".
 */
export interface BanList {
  /** The bans in force, by user id (the API's user id). */
  allBans(): Promise<ReadonlyMap<string, AccountBan>>;
}

/** For an API run without a module (tests of other features): nobody is banned. */
export const NO_BANS: BanCheck = { banOf: async () => undefined };
