import { BytesMap } from './bytes-map.js';

export interface RowsDelta {
  readonly inserts: Uint8Array[];
  readonly deletes: Uint8Array[];
}

/** What turns `before` into `after`, both bags of rows (a view may return a row twice). */
export function diffRows(before: readonly Uint8Array[], after: readonly Uint8Array[]): RowsDelta {
  const counts = new BytesMap<{ readonly row: Uint8Array; n: number }>();
  for (const row of before) {
    const entry = counts.get(row);
    if (entry) entry.n++;
    else counts.set(row, { row, n: 1 });
  }
  const inserts: Uint8Array[] = [];
  for (const row of after) {
    const entry = counts.get(row);
    if (entry !== undefined && entry.n > 0) entry.n--;
    else inserts.push(row);
  }
  const deletes: Uint8Array[] = [];
  for (const { row, n } of counts.values()) for (let i = 0; i < n; i++) deletes.push(row);
  return { inserts, deletes };
}
