// The person's current password, asked again before a change a stolen
// session must not be enough for (email, username, password, deletion).
import { TextField, type TextFieldProps } from './text-field';

export type CurrentPasswordFieldProps = Omit<TextFieldProps, 'type' | 'autocomplete' | 'required'>;

export function CurrentPasswordField(props: CurrentPasswordFieldProps) {
  return <TextField type="password" autocomplete="current-password" required {...props} />;
}
