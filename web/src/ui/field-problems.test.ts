// @vitest-environment happy-dom
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createFieldProblems } from './field-problems';

describe('createFieldProblems', () => {
  it('shows a problem at its field only, and takes focus there', () => {
    createRoot((dispose) => {
      const problems = createFieldProblems(['email', 'password'] as const);
      const input = document.createElement('input');
      input.id = problems.id('password');
      document.body.append(input);
      problems.refuse({ field: 'password', message: 'That is not your password.' });
      expect(problems.at('password')).toBe('That is not your password.');
      expect(problems.at('email')).toBeUndefined();
      expect(problems.at('form')).toBeUndefined();
      expect(document.activeElement).toBe(input);
      problems.refuse({ field: 'form', message: 'No connection.' });
      expect(problems.at('form')).toBe('No connection.');
      expect(problems.at('password')).toBeUndefined();
      problems.clear();
      expect(problems.at('form')).toBeUndefined();
      input.remove();
      dispose();
    });
  });

  it('gives each field of each form its own id', () => {
    createRoot((dispose) => {
      const one = createFieldProblems(['email'] as const);
      const two = createFieldProblems(['email'] as const);
      expect(one.id('email')).not.toBe(two.id('email'));
      dispose();
    });
  });
});
