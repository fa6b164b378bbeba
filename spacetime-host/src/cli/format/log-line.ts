import { formatTimestamp } from './special-types.js';

/** A line of `GET /logs` (SpacetimeDB's `Record`, the level as a tag). */
export interface LogLineRecord {
  readonly level: 'Error' | 'Warn' | 'Info' | 'Debug' | 'Trace' | 'Panic';
  readonly ts?: number | bigint;
  readonly filename?: string;
  readonly line_number?: number;
  readonly function?: string;
  readonly message: string;
  readonly trace?: readonly { module_name?: string; func_name?: string }[];
}

/** The marker SpacetimeDB puts in `function`/`filename` of records the host itself injects. */
const SENTINEL = '__spacetimedb__';

/** `spacetime logs`' text format: `<ts> <LEVEL>: <function> <file>:<line>: <message>` (no colours). */
export function formatLogLine(record: LogLineRecord): string {
  let out = '';
  if (record.ts !== undefined) out += `${formatTimestamp(BigInt(record.ts), 'debug')} `;
  out += `${record.level.toUpperCase().padStart(5)}: `;
  const location: string[] = [];
  if (record.function !== undefined && record.function !== SENTINEL) location.push(record.function);
  if (record.filename !== undefined && record.filename !== SENTINEL) {
    location.push(
      record.line_number === undefined
        ? record.filename
        : `${record.filename}:${record.line_number}`,
    );
  }
  if (location.length > 0) out += `${location.join(' ')}: `;
  out += `${record.message}\n`;
  for (const frame of record.trace ?? []) {
    out += `    in ${frame.module_name === undefined ? '' : `${frame.module_name} :: `}${frame.func_name ?? ''}\n`;
  }
  return out;
}
