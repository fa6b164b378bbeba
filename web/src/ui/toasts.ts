// Short confirmations ("Report sent") for actions whose result is not
// otherwise visible where the person acted. They fade after a few seconds.
import { createSignal } from 'solid-js';

export interface Toast {
  readonly id: number;
  readonly message: string;
}

const SHOWN_FOR_MS = 5_000;
const [toasts, setToasts] = createSignal<readonly Toast[]>([]);
let nextId = 1;

export { toasts };

export function showToast(message: string): void {
  const id = nextId++;
  setToasts((list) => [...list, { id, message }]);
  setTimeout(() => setToasts((list) => list.filter((toast) => toast.id !== id)), SHOWN_FOR_MS);
}
