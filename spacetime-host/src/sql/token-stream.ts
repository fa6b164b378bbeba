import { syntaxError } from './sql-error.js';
import type { SymbolText, Token } from './tokenizer.js';

/** A cursor over one statement's tokens (which end with an `end` token). */
export class TokenStream {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    readonly sql: string,
  ) {}

  peek(ahead = 0): Token {
    const token = this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
    return token!;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  /** Where the next token starts, or the end of the source. */
  get position(): number {
    return this.peek().start;
  }

  /** Where the last consumed token ends. */
  get lastEnd(): number {
    return this.index === 0 ? 0 : this.tokens[this.index - 1]!.end;
  }

  atEnd(): boolean {
    return this.peek().kind === 'end';
  }

  /** True when the next token is the unquoted keyword `word` (case-insensitive). */
  isKeyword(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'word' && !token.quoted && token.text.toUpperCase() === word;
  }

  isSymbol(symbol: SymbolText, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'symbol' && token.text === symbol;
  }

  eatKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.index++;
    return true;
  }

  eatSymbol(symbol: SymbolText): boolean {
    if (!this.isSymbol(symbol)) return false;
    this.index++;
    return true;
  }

  expectKeyword(word: string): void {
    if (!this.eatKeyword(word)) this.fail(word);
  }

  expectSymbol(symbol: SymbolText): void {
    if (!this.eatSymbol(symbol)) this.fail(symbol);
  }

  /** An identifier: any word (sqlparser accepts keywords as names here) or a quoted name. */
  identifier(): string {
    const token = this.peek();
    if (token.kind !== 'word') return this.fail('identifier');
    this.index++;
    return token.text;
  }

  /** `a.b.c`, joined with dots as SpacetimeDB names namespaced tables. */
  objectName(): string {
    const parts = [this.identifier()];
    while (this.isSymbol('.') && this.peek(1).kind === 'word') {
      this.index++;
      parts.push(this.identifier());
    }
    return parts.join('.');
  }

  /** The source text from `start` to the end of the last consumed token. */
  textFrom(start: number): string {
    return this.sql.slice(start, Math.max(start, this.lastEnd)).trim();
  }

  /** The source text from `start` to the end of the statement. */
  restFrom(start: number): string {
    const end = this.tokens[this.tokens.length - 1]!.start;
    return this.sql.slice(start, end).trim();
  }

  fail(expected: string): never {
    throw syntaxError(`Expected ${expected}, found: ${describeToken(this.peek())}`);
  }
}

export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'EOF';
    case 'string':
      return `'${token.text}'`;
    case 'hex':
      return `X'${token.text}'`;
    default:
      return token.text;
  }
}
