// What a module's code imports and which Node.js globals it reads, from its
// syntax tree (rolldown's parser, the one `spacetime build` uses), so the
// checks see dynamic imports and `import type` as the bundler does.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAst } from 'rolldown/parseAst';

export interface ModuleImport {
  readonly file: string;
  readonly specifier: string;
  /** `import type` / `export type ... from`: erased, never loaded. */
  readonly typeOnly: boolean;
}

interface Node {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** Every import and re-export in one file's text, static and dynamic. */
export function importsOf(text: string, file: string): ModuleImport[] {
  const imports: ModuleImport[] = [];
  walk(parse(text, file), (node) => {
    const source = node.source as { value?: unknown } | null | undefined;
    if (typeof source?.value !== 'string') return;
    if (node.type === 'ImportDeclaration' || node.type.startsWith('Export')) {
      const kind = node.type === 'ImportDeclaration' ? node.importKind : node.exportKind;
      imports.push({ file, specifier: source.value, typeOnly: kind === 'type' });
    } else if (node.type === 'ImportExpression') {
      imports.push({ file, specifier: source.value, typeOnly: false });
    }
  });
  return imports;
}

/** The imports of every `.ts` file under `dir`. */
export async function importsUnder(dir: string): Promise<ModuleImport[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
  const perFile = await Promise.all(
    files.map(async (file) => importsOf(await readFile(file, 'utf8'), file)),
  );
  return perFile.flat();
}

/** Globals a module on SpacetimeDB does not have: they exist only under Node.js. */
const NODE_GLOBALS = new Set([
  'process',
  'Buffer',
  'require',
  'module',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
]);

/**
 * The Node.js-only globals `text` reads: identifiers with those names that
 * are not property names, not bound by the code itself (a CommonJS wrapper's
 * `module` parameter) and not probed with `typeof` (`typeof global !==
 * "undefined" && x === global` is how portable code asks first). Without
 * scope and flow analysis, a name bound or probed anywhere in the file counts
 * as such everywhere: this can miss a use, but reports none that is not there.
 */
export function nodeGlobalsIn(text: string, file: string): string[] {
  const ast = parse(text, file);
  const excused = new Set<string>();
  walk(ast, (node, parent, key) => {
    if (key !== undefined && BINDING_KEYS.has(key)) {
      walk(node, (inner) => {
        if (inner.type === 'Identifier') excused.add(inner.name as string);
      });
    }
    if (
      node.type === 'Identifier' &&
      parent?.type === 'UnaryExpression' &&
      parent.operator === 'typeof'
    ) {
      excused.add(node.name as string);
    }
  });
  const found = new Set<string>();
  walk(ast, (node, parent, key) => {
    const name = node.name as string;
    if (node.type !== 'Identifier' || !NODE_GLOBALS.has(name) || excused.has(name)) return;
    const isPropertyName =
      (parent?.type === 'MemberExpression' && key === 'property' && parent.computed !== true) ||
      (parent?.type === 'Property' && key === 'key' && parent.computed !== true);
    if (!isPropertyName) found.add(name);
  });
  return [...found];
}

/** Where a declaration puts the names it binds: parameters, declared ids, catch parameters, import locals. */
const BINDING_KEYS = new Set(['params', 'id', 'param', 'local']);

/** The file's syntax tree, walked generically below. */
function parse(text: string, file: string): Node {
  return parseAst(text, { lang: file.endsWith('.ts') ? 'ts' : 'js' }, file) as unknown as Node;
}

function walk(
  node: Node,
  visit: (node: Node, parent: Node | undefined, key: string | undefined) => void,
  parent?: Node,
  key?: string,
): void {
  visit(node, parent, key);
  for (const [childKey, value] of Object.entries(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (isNode(child)) walk(child, visit, node, childKey);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}
