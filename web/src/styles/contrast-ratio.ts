// WCAG 2 contrast between two opaque sRGB colours written as #rgb or #rrggbb:
// (lighter + 0.05) / (darker + 0.05) of their relative luminances, from 1 (the
// same colour) to 21 (black on white). Text needs 4.5, large text and the
// parts of controls people must see (focus rings, field borders) need 3.
// https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio

export function contrastRatio(foreground: string, background: string): number {
  const [a, b] = [relativeLuminance(foreground), relativeLuminance(background)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function relativeLuminance(hex: string): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parseHex(hex);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function parseHex(hex: string): [number, number, number] {
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim())?.[1];
  if (digits === undefined) throw new Error(`not an opaque #rgb or #rrggbb colour: ${hex}`);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
}
