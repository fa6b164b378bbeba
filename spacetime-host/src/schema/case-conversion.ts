/**
 * Identifier case conversion exactly as SpacetimeDB applies it (the Rust
 * `convert_case` 0.6 crate with its default word boundaries): words split at
 * `_`, `-`, space (consumed), lower→Upper, Upper→digit, digit→Upper,
 * digit→lower, lower→digit, and before the last capital of an acronym
 * (`IOStream` → `io_stream`). So `player2Score` becomes `player_2_score`.
 */
export type Case = 'snake' | 'camel' | 'pascal';

export function convertCase(identifier: string, to: Case): string {
  const words = splitWords(identifier);
  switch (to) {
    case 'snake':
      return words.map((w) => w.toLowerCase()).join('_');
    case 'camel':
      return words.map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w))).join('');
    case 'pascal':
      return words.map(capitalize).join('');
  }
}

function capitalize(word: string): string {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first.toUpperCase() + word.slice(first.length).toLowerCase();
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

const isDigit = (g: string) => /^[0-9]+$/.test(g);
const isUpper = (g: string) => g.toUpperCase() !== g.toLowerCase() && g === g.toUpperCase();
const isLower = (g: string) => g.toUpperCase() !== g.toLowerCase() && g === g.toLowerCase();
const isDelimiter = (g: string) => g === '_' || g === '-' || g === ' ';

function splitBefore(prev: string, cur: string): boolean {
  return (
    (isLower(prev) && isUpper(cur)) ||
    (isUpper(prev) && isDigit(cur)) ||
    (isDigit(prev) && isUpper(cur)) ||
    (isDigit(prev) && isLower(cur)) ||
    (isLower(prev) && isDigit(cur))
  );
}

function splitWords(identifier: string): string[] {
  const g = Array.from(segmenter.segment(identifier), (s) => s.segment);
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < g.length; i++) {
    const cur = g[i]!;
    if (isDelimiter(cur)) {
      words.push(word);
      word = '';
      continue;
    }
    const prev = g[i - 1];
    const next = g[i + 1];
    const acronymEnd =
      prev !== undefined && next !== undefined && isUpper(prev) && isUpper(cur) && isLower(next);
    if (prev !== undefined && (splitBefore(prev, cur) || acronymEnd)) {
      words.push(word);
      word = '';
    }
    word += cur;
  }
  words.push(word);
  return words.filter((w) => w.length > 0);
}
