/**
 * A table in psql style, as `spacetime sql` prints with tabled's
 * `Style::psql()`: a header row, a `---+---` rule, left-aligned cells with
 * one space of padding (trailing spaces trimmed).
 */
export function psqlTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (header.length === 0) return '';
  const widths = header.map((title, i) =>
    Math.max(width(title), ...rows.map((row) => width(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => ` ${cell}${' '.repeat(widths[i]! - width(cell))} `)
      .join('|')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w + 2)).join('+');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Width in characters (code points), which is what a terminal shows for most text. */
function width(text: string): number {
  return [...text].length;
}
