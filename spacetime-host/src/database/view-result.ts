const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * What a view call produced: its rows, or (a query-builder view) the query
 * whose rows are the view's, for the caller to run or to keep current.
 */
export type ViewOutput = Uint8Array[] | { readonly query: string };

/**
 * Decodes what `__call_view__` returned: a `ViewResultHeader` (0 = RowData,
 * then a BSATN array of rows; 1 = RawSql, then the query the host must run).
 */
export function decodeViewResult(
  data: Uint8Array,
  splitRows: (rowsVec: Uint8Array) => Uint8Array[],
  runQuery: (query: string) => Uint8Array[],
): Uint8Array[] {
  const output = readViewResult(data, splitRows);
  if (Array.isArray(output)) return output;
  return output.query.trim() === '' ? [] : runQuery(output.query);
}

/** Decodes what `__call_view__` returned, leaving a returned query unrun. */
export function readViewResult(
  data: Uint8Array,
  splitRows: (rowsVec: Uint8Array) => Uint8Array[],
): ViewOutput {
  const tag = data[0];
  if (tag === 0) return splitRows(data.subarray(1));
  if (tag === 1) {
    if (data.length < 5) throw new Error('the view returned a truncated query');
    const length = new DataView(data.buffer, data.byteOffset + 1, 4).getUint32(0, true);
    if (data.length !== 5 + length) throw new Error('the view returned a malformed query');
    return { query: decoder.decode(data.subarray(5)) };
  }
  throw new Error(`the view returned an unknown result header ${tag}`);
}
