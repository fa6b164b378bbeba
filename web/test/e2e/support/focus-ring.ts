// What a keyboard user sees of focus: which element has it, whether it is on
// screen and not covered, and the ring drawn around it (an outline or a box
// shadow) with its contrast against what is behind it (WCAG 2.4.7, 2.4.11
// and 1.4.11: a focus indicator needs 3:1).
import type { Page } from 'playwright-core';
import { contrastRatio } from '../../../src/styles/contrast-ratio.js';

export interface FocusStop {
  /** tag, role, accessible-ish name: how a failure message names the element. */
  readonly description: string;
  readonly name: string;
  readonly tag: string;
  readonly onScreen: boolean;
  /** The topmost element at the focused element's centre is it or inside it. */
  readonly uncovered: boolean;
  /** What is on top of it instead, when something is. */
  readonly coveredBy: string;
  /** The ring's colour as #rrggbb, or undefined when there is no ring. */
  readonly ringColour: string | undefined;
  readonly ringWidth: number;
  /** What the ring is drawn over, as #rrggbb. */
  readonly behindRing: string;
}

/** The focused element as a keyboard user meets it; undefined when focus is on the page itself. */
export async function focusStop(page: Page): Promise<FocusStop | undefined> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (element === null || element === document.body) return undefined;
    const toHex = (rgb: readonly number[]) =>
      `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
    // Computed colours come as rgb()/rgba(), or as color(srgb …) in 0–1 for color-mix().
    const parse = (colour: string): [number, number, number, number] | undefined => {
      const srgb = /color\(srgb ([^)]+)\)/.exec(colour)?.[1];
      const parts = (srgb ?? /rgba?\(([^)]+)\)/.exec(colour)?.[1])
        ?.split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      if (parts === undefined) return undefined;
      const scale = srgb === undefined ? 1 : 255;
      const [r = 0, g = 0, b = 0, a = 1] = parts;
      return [r * scale, g * scale, b * scale, a];
    };
    // The colour behind `start`: its own and its ancestors' backgrounds, blended.
    const backdrop = (start: Element | null): string => {
      const layers: [number, number, number, number][] = [];
      for (let node = start; node !== null; node = node.parentElement) {
        const layer = parse(getComputedStyle(node).backgroundColor);
        if (layer !== undefined && layer[3] > 0) layers.push(layer);
        if (layer !== undefined && layer[3] >= 1) break;
      }
      let rgb = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) {
        rgb = [
          r * a + (rgb[0] ?? 0) * (1 - a),
          g * a + (rgb[1] ?? 0) * (1 - a),
          b * a + (rgb[2] ?? 0) * (1 - a),
        ];
      }
      return toHex(rgb);
    };
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    const onScreen =
      rect.width > 0 &&
      rect.height > 0 &&
      rect.bottom > 0 &&
      rect.right > 0 &&
      rect.top < window.innerHeight &&
      rect.left < window.innerWidth &&
      style.visibility !== 'hidden' &&
      Number(style.opacity) > 0;
    const probe = document.elementFromPoint(
      Math.min(Math.max(rect.left + rect.width / 2, 0), window.innerWidth - 1),
      Math.min(Math.max(rect.top + rect.height / 2, 0), window.innerHeight - 1),
    );
    // Its own label counts as it: a checkbox's text sits over the box's centre.
    const ownLabel = element.closest('label');
    const uncovered =
      probe !== null &&
      (probe === element ||
        element.contains(probe) ||
        (ownLabel !== null && probe.closest('label') === ownLabel));
    const outlineWidth = Number.parseFloat(style.outlineWidth);
    const outline =
      style.outlineStyle !== 'none' && outlineWidth > 0 ? parse(style.outlineColor) : undefined;
    // An inset shadow is drawn over the element, an outer one or an offset outline over its parent.
    const shadow = style.boxShadow === 'none' ? undefined : style.boxShadow;
    const shadowColour = shadow === undefined ? undefined : parse(shadow);
    const shadowWidth = Math.max(
      0,
      ...[...(shadow ?? '').matchAll(/(-?[\d.]+)px/g)].map((m) => Math.abs(Number(m[1]))),
    );
    const ring = outline ?? shadowColour;
    const drawnOver =
      outline === undefined && shadow?.includes('inset') ? element : element.parentElement;
    const name =
      element.getAttribute('aria-label') ??
      (element as HTMLInputElement).labels?.[0]?.textContent?.trim() ??
      element.textContent?.trim().replace(/\s+/g, ' ').slice(0, 60) ??
      '';
    const role = element.getAttribute('role');
    return {
      description: `<${element.tagName.toLowerCase()}${role ? ` role=${role}` : ''}> "${name}"`,
      name,
      tag: element.tagName.toLowerCase(),
      onScreen,
      uncovered,
      coveredBy:
        probe === null
          ? 'nothing (its centre is off screen)'
          : `<${probe.tagName.toLowerCase()} class="${probe.getAttribute('class') ?? ''}">`,
      ringColour: ring === undefined || ring[3] === 0 ? undefined : toHex(ring.slice(0, 3)),
      ringWidth: outline !== undefined ? outlineWidth : shadowWidth,
      behindRing: backdrop(drawnOver),
    };
  });
}

/**
 * Throws unless the focused element is on screen, not covered, and ringed in
 * a colour with 3:1 against what is behind the ring, at least 2px wide.
 */
export async function expectVisibleFocus(page: Page): Promise<FocusStop> {
  const stop = await focusStop(page);
  if (stop === undefined) throw new Error('focus is on the page itself, not on a control');
  const problems: string[] = [];
  if (!stop.onScreen) problems.push('it is off screen or hidden');
  if (!stop.uncovered) problems.push(`something covers it: ${stop.coveredBy}`);
  if (stop.ringColour === undefined) problems.push('it has no outline or box-shadow');
  else {
    const ratio = contrastRatio(stop.ringColour, stop.behindRing);
    if (ratio < 3) {
      problems.push(
        `its ring ${stop.ringColour} has ${ratio.toFixed(2)}:1 against ${stop.behindRing}`,
      );
    }
    if (stop.ringWidth < 2) problems.push(`its ring is ${stop.ringWidth}px wide`);
  }
  if (problems.length > 0) {
    throw new Error(`focus on ${stop.description} is not visible: ${problems.join('; ')}`);
  }
  return stop;
}
