import { syntaxError } from './sql-error.js';

/**
 * Tokens of SpacetimeDB's SQL, as sqlparser's PostgreSQL dialect splits them.
 * `start`/`end` index the source text, so errors can quote what was written.
 */
export type Token =
  /** A word; `quoted` for `"..."` identifiers, which are never keywords. */
  | ({ readonly kind: 'word'; readonly text: string; readonly quoted: boolean } & Span)
  /** The digits of `1`, `-` excluded: `1.5`, `.5`, `1e3`. */
  | ({ readonly kind: 'number'; readonly text: string } & Span)
  /** `'it''s'` unescaped to `it's`. */
  | ({ readonly kind: 'string'; readonly text: string } & Span)
  /** The hex digits of `0xAB` or `X'AB'`. */
  | ({ readonly kind: 'hex'; readonly text: string } & Span)
  /** Other prefixed strings (`B'01'`, `N'x'`, `E'x'`): valid SQL, unsupported literals. */
  | ({ readonly kind: 'other-literal'; readonly text: string } & Span)
  /** `:sender`, `$1`, `?`. */
  | ({ readonly kind: 'placeholder'; readonly text: string } & Span)
  | ({ readonly kind: 'symbol'; readonly text: SymbolText } & Span)
  | ({ readonly kind: 'end'; readonly text: '' } & Span);

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type SymbolText =
  | '('
  | ')'
  | ','
  | '.'
  | '*'
  | ';'
  | '='
  | '<'
  | '>'
  | '<='
  | '>='
  | '<>'
  | '!='
  | '+'
  | '-'
  | '/'
  | '%'
  | '||'
  | '::'
  | '['
  | ']';

const SYMBOLS: readonly SymbolText[] = [
  '<=',
  '>=',
  '<>',
  '!=',
  '||',
  '::',
  '(',
  ')',
  ',',
  '.',
  '*',
  ';',
  '=',
  '<',
  '>',
  '+',
  '-',
  '/',
  '%',
  '[',
  ']',
];

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const HEX_DIGITS = /[0-9a-fA-F]*/y;
const PLACEHOLDER = /(?::[A-Za-z_][A-Za-z0-9_]*|\$\d+|\?)/y;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < sql.length) {
    const c = sql[pos]!;
    if (/\s/.test(c)) {
      pos++;
    } else if (sql.startsWith('--', pos)) {
      const newline = sql.indexOf('\n', pos);
      pos = newline < 0 ? sql.length : newline + 1;
    } else if (sql.startsWith('/*', pos)) {
      const close = sql.indexOf('*/', pos + 2);
      if (close < 0) throw syntaxError('Unexpected EOF while in a multi-line comment');
      pos = close + 2;
    } else if (c === "'") {
      const [text, end] = quoted(sql, pos, "'");
      tokens.push({ kind: 'string', text, start: pos, end });
      pos = end;
    } else if (c === '"') {
      const [text, end] = quoted(sql, pos, '"');
      tokens.push({ kind: 'word', text, quoted: true, start: pos, end });
      pos = end;
    } else if (/[xXbBnNeE]/.test(c) && sql[pos + 1] === "'") {
      const [text, end] = quoted(sql, pos + 1, "'");
      const kind = c === 'x' || c === 'X' ? 'hex' : 'other-literal';
      tokens.push({ kind, text, start: pos, end });
      pos = end;
    } else if (c === '0' && (sql[pos + 1] === 'x' || sql[pos + 1] === 'X')) {
      // sqlparser reads `0x` then any hex digits, even none, as a hex string literal.
      HEX_DIGITS.lastIndex = pos + 2;
      const digits = HEX_DIGITS.exec(sql)![0];
      const end = pos + 2 + digits.length;
      tokens.push({ kind: 'hex', text: digits, start: pos, end });
      pos = end;
    } else if (/[0-9.]/.test(c) && matchAt(NUMBER, sql, pos)) {
      const text = matchAt(NUMBER, sql, pos)!;
      tokens.push({ kind: 'number', text, start: pos, end: pos + text.length });
      pos += text.length;
    } else if (WORD_START.test(c)) {
      WORD_PART.lastIndex = pos;
      let end = pos;
      while (WORD_PART.exec(sql)) end = WORD_PART.lastIndex;
      tokens.push({ kind: 'word', text: sql.slice(pos, end), quoted: false, start: pos, end });
      pos = end;
    } else if ((c === ':' || c === '$' || c === '?') && matchAt(PLACEHOLDER, sql, pos)) {
      const text = matchAt(PLACEHOLDER, sql, pos)!;
      tokens.push({ kind: 'placeholder', text, start: pos, end: pos + text.length });
      pos += text.length;
    } else {
      const symbol = SYMBOLS.find((s) => sql.startsWith(s, pos));
      if (symbol === undefined) throw syntaxError(`Unexpected character '${c}' at position ${pos}`);
      tokens.push({ kind: 'symbol', text: symbol, start: pos, end: pos + symbol.length });
      pos += symbol.length;
    }
  }
  tokens.push({ kind: 'end', text: '', start: sql.length, end: sql.length });
  return tokens;
}

function matchAt(pattern: RegExp, text: string, pos: number): string | undefined {
  pattern.lastIndex = pos;
  return pattern.exec(text)?.[0];
}

/** Reads a `q`-quoted run starting at `start` (the opening quote); a doubled quote is one quote. */
function quoted(sql: string, start: number, q: string): [text: string, end: number] {
  let text = '';
  let pos = start + 1;
  for (;;) {
    const close = sql.indexOf(q, pos);
    if (close < 0) {
      throw syntaxError(
        `Unterminated ${q === "'" ? 'string literal' : 'quoted identifier'} at position ${start}`,
      );
    }
    text += sql.slice(pos, close);
    if (sql[close + 1] === q) {
      text += q;
      pos = close + 2;
    } else {
      return [text, close + 1];
    }
  }
}
