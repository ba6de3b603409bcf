/**
 * Touch-target check for browser tests (issue #12: "every interactive element on the
 * board and the card ≥ 44×44 px"). Reusable: pass any page or a locator to scope it.
 */
import type { Locator, Page } from 'playwright-core';

export interface SmallTarget {
  /** tag#id.class [aria-label or text]: enough to find it in the DOM. */
  what: string;
  width: number;
  height: number;
}

const INTERACTIVE = 'button, a[href], input, select, textarea, summary, [role="button"], [tabindex]';

/**
 * Every visible interactive element under `scope` whose target is smaller than `min` in
 * either direction. The target of an input is the larger of its own box and its label's
 * (tapping the label operates the control); everything else is measured by its own box.
 * Not counted: hidden inputs, elements with no box (display: none, not rendered), and
 * `tabindex="-1"` containers, which are focused by code and are not something to tap.
 */
export async function smallTouchTargets(scope: Page | Locator, min = 44): Promise<SmallTarget[]> {
  const root = 'mainFrame' in scope ? scope.locator('body') : scope;
  return root.evaluate(
    (el, { selector, min }) => {
      const out: { what: string; width: number; height: number }[] = [];
      const candidates = [...(el.matches(selector) ? [el] : []), ...el.querySelectorAll<HTMLElement>(selector)];
      for (const node of candidates as HTMLElement[]) {
        if (node instanceof HTMLInputElement && node.type === 'hidden') continue;
        if (node.getAttribute('tabindex') === '-1' && !node.matches('button, a[href], input, select, textarea'))
          continue;
        const style = getComputedStyle(node);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        const own = node.getBoundingClientRect();
        if (own.width === 0 && own.height === 0) continue;
        let width = own.width;
        let height = own.height;
        const labels = 'labels' in node ? (node as HTMLInputElement).labels : null;
        for (const label of labels ?? []) {
          const b = label.getBoundingClientRect();
          if (b.width * b.height > width * height) {
            width = b.width;
            height = b.height;
          }
        }
        // Half a pixel of rounding (2.75rem at 16 px is 44 px exactly, zoomed is not).
        if (width + 0.5 >= min && height + 0.5 >= min) continue;
        const name = (node.getAttribute('aria-label') ?? node.textContent ?? '')
          .trim()
          .replace(/\s+/g, ' ')
          .slice(0, 40);
        const cls =
          typeof node.className === 'string' && node.className ? `.${node.className.split(' ').join('.')}` : '';
        out.push({
          what: `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${cls} [${name}]`,
          width: Math.round(width),
          height: Math.round(height),
        });
      }
      return out;
    },
    { selector: INTERACTIVE, min },
  );
}
