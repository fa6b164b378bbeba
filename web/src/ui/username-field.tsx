// A username input with the rules the API and the module apply (shared/'s
// names), so sign-up and a username change ask for the same thing.
import { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '@kith/shared/names';
import { TextField, type TextFieldProps } from './text-field';

export const USERNAME_RULES_HINT = `${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} letters, digits or _.`;

export function UsernameField(props: TextFieldProps) {
  return (
    <TextField
      autocomplete="username"
      autocapitalize="none"
      spellcheck={false}
      required
      minLength={USERNAME_MIN_LENGTH}
      maxLength={USERNAME_MAX_LENGTH}
      pattern="[A-Za-z0-9_]+"
      hint={USERNAME_RULES_HINT}
      {...props}
    />
  );
}
