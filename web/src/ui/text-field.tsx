// A labelled input with an optional hint and error, wired for screen readers.
import { createUniqueId, type JSX, Show, splitProps } from 'solid-js';

export interface TextFieldProps extends JSX.InputHTMLAttributes<HTMLInputElement> {
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
}

export function TextField(props: TextFieldProps) {
  const [own, input] = splitProps(props, ['label', 'hint', 'error', 'id']);
  const id = own.id ?? createUniqueId();
  const describedBy = () =>
    [own.hint ? `${id}-hint` : '', own.error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div class="field">
      <label for={id}>{own.label}</label>
      <input
        id={id}
        aria-invalid={own.error ? 'true' : undefined}
        aria-describedby={describedBy()}
        {...input}
      />
      <Show when={own.hint}>
        <p class="field-hint" id={`${id}-hint`}>
          {own.hint}
        </p>
      </Show>
      <Show when={own.error}>
        <p class="field-error" id={`${id}-error`}>
          {own.error}
        </p>
      </Show>
    </div>
  );
}
