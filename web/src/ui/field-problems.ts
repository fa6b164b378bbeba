// Where a form shows what went wrong: each problem under the field it is
// about (or under the button, `form`), with focus taken there so the person
// and their screen reader land on it.
import { createSignal, createUniqueId } from 'solid-js';

export interface FormProblem<F extends string> {
  readonly field: F | 'form';
  readonly message: string;
}

export interface FieldProblems<F extends string> {
  /** The element id to give the field's input. */
  id(field: F): string;
  /** The message to show at `field`, if the problem is there. */
  at(field: F | 'form'): string | undefined;
  /** Shows `found` at its field and moves focus there. */
  refuse(found: FormProblem<F>): void;
  clear(): void;
}

export function createFieldProblems<F extends string>(fields: readonly F[]): FieldProblems<F> {
  const ids = new Map(fields.map((field) => [field, createUniqueId()]));
  const [problem, setProblem] = createSignal<FormProblem<F> | undefined>(undefined);
  const id = (field: F) => ids.get(field) ?? field;
  return {
    id,
    at: (field) => (problem()?.field === field ? problem()?.message : undefined),
    refuse(found) {
      setProblem(found);
      if (found.field !== 'form') document.getElementById(id(found.field))?.focus();
    },
    clear: () => setProblem(undefined),
  };
}
