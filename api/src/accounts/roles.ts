import type { Role } from '../http/app-env.js';

/** Narrows the role column (constrained to these values by the schema). */
export function parseRole(value: string): Role {
  if (value === 'admin' || value === 'member') return value;
  throw new Error(`unknown role in the database: ${value}`);
}
