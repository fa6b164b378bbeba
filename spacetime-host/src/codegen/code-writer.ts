/**
 * Builds generated source text line by line, indenting each new line, exactly
 * as SpacetimeDB's codegen `CodeIndenter` does (crates/codegen/src/code_indenter.rs):
 * empty lines get no indent, and `newline()` ends a line without marking the
 * next one for indenting. Matching it byte for byte keeps our bindings
 * diffable against the ones `spacetime generate` writes.
 */
export class CodeWriter {
  #text = '';
  #level = 0;
  #needsIndenting = true;

  constructor(private readonly indentUnit = '  ') {}

  /** Writes `text`; every line after a newline starts at the current indent. */
  write(text: string): void {
    if (text !== '') {
      text.split(/(?<=\n)/).forEach((line, i) => {
        const indentThis = i !== 0 || this.#needsIndenting;
        if (indentThis && line !== '\n') this.#text += this.indentUnit.repeat(this.#level);
        this.#text += line;
      });
    }
    this.#needsIndenting = text.endsWith('\n');
  }

  writeln(text = ''): void {
    this.write(`${text}\n`);
  }

  /** A bare line break that leaves the indent state alone (the reference's `newline`). */
  newline(): void {
    this.#text += '\n';
  }

  indent(): void {
    this.#level++;
  }

  dedent(): void {
    this.#level = Math.max(0, this.#level - 1);
  }

  withIndent(body: () => void): void {
    this.indent();
    try {
      body();
    } finally {
      this.dedent();
    }
  }

  toString(): string {
    return this.#text;
  }
}
