// An error shown where the person acted, announced to screen readers.
import { Show } from 'solid-js';

export function FormError(props: { readonly message: string | undefined; readonly id?: string }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <p class="form-error" role="alert" id={props.id}>
          {message()}
        </p>
      )}
    </Show>
  );
}
