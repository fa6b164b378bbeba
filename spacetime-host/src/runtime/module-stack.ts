/** The script name module code runs under (as in SpacetimeDB's V8 host). */
export const MODULE_SCRIPT = 'spacetimedb_module';

/**
 * A stack trace with only the module's own frames: errors the host creates
 * for the module, and module errors that unwound through the host, would
 * otherwise show the host's internals, which SpacetimeDB's traces never do.
 */
export function moduleFramesOnly(stack: string): string {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame < 0) return stack;
  const frames = lines.slice(firstFrame).filter((line) => line.includes(MODULE_SCRIPT));
  return [...lines.slice(0, firstFrame), ...frames].join('\n');
}
