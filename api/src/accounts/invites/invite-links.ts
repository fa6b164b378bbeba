// An invite is a long random code; the web app's sign-up page reads it from
// the link. Only the code's hash is stored, so the code is shown once.
import { hashSecretToken, newSecretToken } from '../secret-tokens.js';

export function newInviteCode(): { code: string; codeHash: string } {
  const code = newSecretToken(18);
  return { code, codeHash: hashSecretToken(code) };
}

export function inviteUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/signup?invite=${encodeURIComponent(code)}`;
}
