/**
 * JSON text for SATS-JSON values. SpacetimeDB writes 64- and 128-bit integers
 * as exact JSON numbers (serde_json), which `JSON.parse`/`JSON.stringify`
 * cannot round-trip: `18446744073709551615` would come back as
 * `18446744073709552000`. Here such values are `bigint`s in memory.
 */

/** Like `JSON.stringify` (no indentation), but a `bigint` is written as its exact digits. */
export function stringifySatsJson(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(value: unknown, out: string[]): void {
  switch (typeof value) {
    case 'bigint':
      out.push(value.toString());
      return;
    case 'number':
      // serde_json writes a non-finite float as `null`, as JSON.stringify does.
      out.push(Number.isFinite(value) ? JSON.stringify(value) : 'null');
      return;
    case 'string':
    case 'boolean':
      out.push(JSON.stringify(value));
      return;
    case 'object':
      if (value === null) out.push('null');
      else if (Array.isArray(value)) writeArray(value, out);
      else writeObject(value as Record<string, unknown>, out);
      return;
    default:
      out.push('null');
  }
}

function writeArray(items: readonly unknown[], out: string[]): void {
  out.push('[');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(',');
    write(items[i], out);
  }
  out.push(']');
}

function writeObject(object: Record<string, unknown>, out: string[]): void {
  out.push('{');
  let first = true;
  for (const [key, item] of Object.entries(object)) {
    if (item === undefined || typeof item === 'function') continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(key), ':');
    write(item, out);
  }
  out.push('}');
}

/**
 * Parses JSON text; an integer literal beyond ±2^53 becomes a `bigint` so that
 * no digit is lost. Throws `SyntaxError` on malformed input.
 */
export function parseSatsJson(text: string): unknown {
  const parser = new JsonParser(text);
  parser.skipSpace();
  const value = parser.value();
  parser.skipSpace();
  if (parser.pos < text.length) parser.fail('unexpected trailing characters');
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class JsonParser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(problem: string): never {
    throw new SyntaxError(`invalid JSON at position ${this.pos}: ${problem}`);
  }

  skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  value(): unknown {
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of KEYWORDS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(c === undefined ? 'unexpected end of input' : `unexpected character ${c}`);
  }

  private object(): Record<string, unknown> {
    const entries: [string, unknown][] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return {};
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('expected a string key');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('expected `:`');
      this.pos++;
      this.skipSpace();
      entries.push([key, this.value()]);
      this.skipSpace();
      const c = this.text[this.pos++];
      // `Object.fromEntries` defines own properties, so a `__proto__` key stays data.
      if (c === '}') return Object.fromEntries(entries);
      if (c !== ',') this.fail('expected `,` or `}`');
    }
  }

  private array(): unknown[] {
    const items: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === ']') return items;
      if (c !== ',') this.fail('expected `,` or `]`');
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('unterminated string');
      if (c < 0x20) this.fail('control character in string');
      this.pos++;
      if (c === 0x5c) this.pos++;
      else if (c === 0x22) break;
    }
    // The slice is a valid JSON string literal, so JSON.parse decodes its escapes.
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      this.pos = start;
      return this.fail('invalid escape in string');
    }
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) return this.fail('invalid number');
    this.pos += match[0].length;
    const literal = match[0];
    const isInteger = match[1] === undefined && match[2] === undefined;
    if (isInteger) {
      const n = Number(literal);
      return Number.isSafeInteger(n) ? n : BigInt(literal);
    }
    return Number(literal);
  }
}

const KEYWORDS: readonly (readonly [string, unknown])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];
