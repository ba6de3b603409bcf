/**
 * axe-core in the page under test (issue #12: 0 violations on the main pages). The engine
 * is read from node_modules and injected as a script, so it is the pinned devDependency and
 * nothing is fetched. Checks WCAG 2.0/2.1/2.2 A and AA; returns the violations in a form
 * that reads well in a failed expectation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the first few offending nodes. */
  nodes: string[];
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function axeViolations(page: Page, options: { include?: string; exclude?: string[] } = {}) {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an
  // inline <script>, and the test must not weaken it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  return page.evaluate(
    async ({ tags, include, exclude }) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const context = { include: include ? [include] : [document], exclude: exclude.map((s) => [s]) };
      const result = await axe.run(context as never, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map((v): AxeViolation => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
      }));
    },
    { tags: AXE_TAGS, include: options.include ?? null, exclude: options.exclude ?? [] },
  );
}
