/**
 * The wall screen's legibility, measured in its rendered DOM (issue #11): shared by the wall
 * test and any test that runs a meeting with a paired wall.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WallMeasure {
  viewport: { width: number; height: number };
  cards: {
    id: string;
    box: Box;
    statusPx: number | null;
    colourPx: number;
    initialsPx: number;
    /** Lines the initials take: more than one means they broke letter by letter. */
    initialsLines: number;
    clipped: string[];
  }[];
  headingPx: number[];
  pages: string[];
  focus: Box | null;
  scrolls: boolean;
}

/** Everything the assertions need, read from the page in one go. */
export function measureWall(page: Page): Promise<WallMeasure> {
  return page.evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : null);
    // The card clips (overflow: hidden) when its content is wider or taller than its box; no
    // text inside it may be wider than its own box either (1 px for glyph overhang).
    const clippedIn = (card: Element) =>
      [card, ...card.querySelectorAll('*')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || (el === card && el.scrollHeight > el.clientHeight + 1))
        .map(
          (el) =>
            `${el.className}: ${el.textContent} ${el.scrollWidth}/${el.clientWidth} ${el.scrollHeight}/${el.clientHeight}`,
        );
    // Lines a text takes: the distinct tops of its line boxes.
    const lines = (el: Element | null) => {
      if (!el) return 0;
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const wall = document.querySelector('[data-testid="wall"]')!;
    const focus = wall.querySelector('[data-testid="wall-focus"]');
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      cards: [...wall.querySelectorAll('[data-testid^="card-"]')].map((card) => ({
        id: card.getAttribute('data-testid')!.slice('card-'.length),
        box: box(card),
        statusPx: px(card.querySelector('.wall-status')),
        colourPx: px(card.querySelector('.wall-colour'))!,
        initialsPx: px(card.querySelector('.wall-initials'))!,
        initialsLines: lines(card.querySelector('.wall-initials')),
        clipped: clippedIn(card),
      })),
      headingPx: [...wall.querySelectorAll('.wall-column-header')].map((h) => px(h)!),
      pages: [...wall.querySelectorAll('[data-testid^="wall-page-"]')].map((p) => p.textContent ?? ''),
      focus: focus ? box(focus) : null,
      scrolls:
        document.documentElement.scrollHeight > window.innerHeight ||
        document.documentElement.scrollWidth > window.innerWidth,
    };
  });
}

const inside = (b: Box, v: { width: number; height: number }) =>
  b.x >= 0 && b.y >= 0 && b.x + b.width <= v.width && b.y + b.height <= v.height;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The wall's promises at any size: `minPx` is 28 px at 1920×1080, scaled with the width. */
export function expectLegibleWall(m: WallMeasure, cardCount: number, minPx: number, pages: string[] = []): void {
  expect(m.scrolls).toBe(false);
  expect(m.pages).toEqual(pages);
  expect(m.cards).toHaveLength(cardCount);
  for (const card of m.cards) {
    expect(inside(card.box, m.viewport), `card ${card.id} inside the viewport`).toBe(true);
    expect(card.colourPx, `card ${card.id} colour word`).toBeGreaterThanOrEqual(minPx);
    expect(card.initialsPx).toBeGreaterThanOrEqual(minPx);
    expect(card.initialsLines, `card ${card.id} initials on one line`).toBe(1);
    if (card.statusPx !== null) expect(card.statusPx, `card ${card.id} status`).toBeGreaterThanOrEqual(minPx);
    expect(card.clipped, `card ${card.id} clips no text`).toEqual([]);
  }
  for (const h of m.headingPx) expect(h).toBeGreaterThan(Math.max(...m.cards.map((c) => c.colourPx)));
  if (m.focus) {
    for (const card of m.cards) expect(overlap(m.focus, card.box), `focus view over card ${card.id}`).toBe(false);
  }
}
