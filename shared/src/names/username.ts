// Usernames as the API issues them (the `preferred_username` claim): the
// module refuses tokens whose username breaks these rules, and the tokenizer
// recognises `@username` and `&username.sound` with the same ones.

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 20;

/** The characters a username is made of (before lowercasing, for matching typed text). */
export const USERNAME_CHAR = /[A-Za-z0-9_]/;

const USERNAME = /^[a-z0-9_]{3,20}$/;

/** True for a username as stored: lowercase, 3–20 of `[a-z0-9_]`. */
export function isValidUsername(value: string): boolean {
  return USERNAME.test(value);
}
