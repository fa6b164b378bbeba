import { describe, expect, it } from 'vitest';
import { CodeWriter } from './code-writer.js';

describe('CodeWriter', () => {
  it('indents each new line at the current level and never indents a blank line', () => {
    const out = new CodeWriter();
    out.writeln('a {');
    out.withIndent(() => {
      out.writeln('b: [');
      out.withIndent(() => out.write('c,\nd,\n'));
      out.writeln();
      out.writeln('],');
    });
    out.writeln('}');

    expect(out.toString()).toBe('a {\n  b: [\n    c,\n    d,\n\n  ],\n}\n');
  });

  it('continues a line written without a newline, and newline() ends a line as the reference does', () => {
    const out = new CodeWriter();
    out.withIndent(() => {
      out.write('export default {');
      out.writeln('};');
      out.newline();
      out.write('x');
    });

    expect(out.toString()).toBe('  export default {};\n\n  x');
  });
});
