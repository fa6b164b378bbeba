// The colour pairs the stylesheets put together, checked in both schemes
// against WCAG 2 AA: 4.5:1 for text, 3:1 for what people must see of a
// control (focus rings, field outlines, presence dots). The values come from
// src/styles/tokens.css itself, so changing a colour there re-runs this check.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../src/styles/contrast-ratio.js';

// Read as a file: the web project's Vite compiles CSS imports away in tests.
const css = readFileSync(new URL('../src/styles/tokens.css', import.meta.url), 'utf8');

const TEXT = 4.5;
const NON_TEXT = 3;

type Tokens = Readonly<Record<string, string>>;

function declarations(block: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, value] of block.matchAll(/--([\w-]+):\s*([^;]+);/g)) {
    found[name as string] = (value as string).trim();
  }
  return found;
}

/** The light values (the first :root) and the dark ones laid over them. */
function readSchemes(css: string): { light: Tokens; dark: Tokens } {
  const lightBlock = /^:root\s*\{([^}]*)\}/m.exec(css)?.[1];
  const darkBlock = /prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css)?.[1];
  if (lightBlock === undefined || darkBlock === undefined) {
    throw new Error('tokens.css no longer has a :root block and a dark :root block');
  }
  const light = declarations(lightBlock);
  return { light, dark: { ...light, ...declarations(darkBlock) } };
}

/** [foreground, background, what it is] */
type Pair = readonly [string, string, string];

const SURFACES = ['bg', 'surface', 'surface-2'] as const;

const TEXT_PAIRS: readonly Pair[] = [
  ...SURFACES.flatMap((surface): Pair[] => [
    ['text', surface, 'body text'],
    ['muted', surface, 'secondary text'],
    ['accent', surface, 'links and accent text'],
    ['danger', surface, 'error text'],
    ['caution-text', surface, 'cautions'],
  ]),
  ['text', 'accent-soft', 'text on a selected or highlighted row'],
  ['accent', 'accent-soft', 'the current navigation item'],
  ['accent-text', 'accent', 'primary buttons'],
  ['on-danger', 'danger', 'danger buttons, badges, upload errors'],
  ['warn-text', 'warn-bg', 'notices'],
  ['bg', 'text', 'tooltips'],
];

const NON_TEXT_PAIRS: readonly Pair[] = SURFACES.flatMap((surface): Pair[] => [
  ['focus', surface, 'the focus ring'],
  ['field-border', surface, 'field outlines'],
  ['online', surface, 'the online dot'],
  ['idle', surface, 'the idle dot'],
]);

const schemes = readSchemes(css);

describe.each(Object.entries(schemes))('the %s colour scheme', (_scheme, tokens) => {
  const colour = (name: string): string => {
    const value = tokens[name];
    if (value === undefined) throw new Error(`tokens.css has no --${name}`);
    return value;
  };

  it.each(TEXT_PAIRS)('--%s on --%s (%s) reaches 4.5:1', (fg, bg) => {
    expect(contrastRatio(colour(fg), colour(bg))).toBeGreaterThanOrEqual(TEXT);
  });

  it.each(NON_TEXT_PAIRS)('--%s on --%s (%s) reaches 3:1', (fg, bg) => {
    expect(contrastRatio(colour(fg), colour(bg))).toBeGreaterThanOrEqual(NON_TEXT);
  });
});

describe('reading tokens.css', () => {
  it('lays the dark values over the light ones', () => {
    const { light, dark } = readSchemes(
      ':root {\n  --a: #fff;\n  --b: #000;\n}\n@media (prefers-color-scheme: dark) {\n  :root {\n    --a: #111;\n  }\n}',
    );
    expect(light).toEqual({ a: '#fff', b: '#000' });
    expect(dark).toEqual({ a: '#111', b: '#000' });
  });

  it('refuses a file without a dark scheme rather than checking nothing', () => {
    expect(() => readSchemes(':root { --a: #fff; }')).toThrow(/dark :root block/);
  });
});
