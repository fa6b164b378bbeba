// Deque's axe-core run inside a page, for the WCAG 2 A and AA rules (colour
// contrast, labels, names of buttons and links, ARIA use, …). Each
// violation comes back as something a person can act on: the screen, the
// rule, the element and what is wrong with it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeNode {
  readonly target: readonly unknown[];
  readonly failureSummary?: string;
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly AxeNode[];
}

let axeSource: Promise<string> | undefined;

function loadAxeSource(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** One element breaking one rule on one screen. */
export interface Finding {
  readonly screen: string;
  /** How the screen was shown, e.g. "dark phone". */
  readonly look: string;
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly target: string;
  readonly summary: string;
}

/**
 * Audits what `page` shows now. axe is evaluated as a script rather than
 * added as a <script> tag: the app's Content-Security-Policy allows only its
 * own scripts, and the audit must see the page under its real policy.
 */
export async function auditPage(
  page: Page,
  screen: string,
  look: string,
  exclude: readonly string[] = [],
): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(await loadAxeSource());
  }
  const violations = await page.evaluate(
    async ([tags, excluded]) =>
      (
        await (
          window as unknown as {
            axe: { run(context: object, options: object): Promise<{ violations: unknown[] }> };
          }
        ).axe.run(
          { include: [['html']], exclude: excluded.map((selector) => [selector]) },
          { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
        )
      ).violations,
    [AXE_TAGS, exclude] as const,
  );
  return (violations as AxeViolation[]).flatMap((violation) =>
    violation.nodes.map((node) => ({
      screen,
      look,
      rule: violation.id,
      impact: violation.impact ?? 'unrated',
      help: violation.help,
      target: node.target.join(' > '),
      summary: node.failureSummary ?? '',
    })),
  );
}

/**
 * One paragraph per element and rule, naming every look (scheme, width) it
 * was seen in, so the same fault in four looks reads once.
 */
export function describeFindings(findings: readonly Finding[]): string[] {
  const grouped = new Map<string, { first: Finding; looks: string[] }>();
  for (const finding of findings) {
    const key = `${finding.screen}\u0000${finding.rule}\u0000${finding.target}`;
    const group = grouped.get(key) ?? { first: finding, looks: [] };
    group.looks.push(finding.look);
    grouped.set(key, group);
  }
  return [...grouped.values()].map(
    ({ first, looks }) =>
      `${first.screen} [${looks.join('; ')}]: ${first.rule} (${first.impact}) ${first.help}\n` +
      `    at ${first.target}\n` +
      `    ${first.summary.replaceAll('\n', '\n    ')}`,
  );
}
