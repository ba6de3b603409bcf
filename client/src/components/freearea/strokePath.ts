import { getStroke } from 'perfect-freehand';
import type { FreeStroke } from '../../../../shared/model/freeArea.js';

/*
 * A pen stroke as an SVG path: perfect-freehand turns the stored input points into the
 * outline of a smooth, pressure-like line (it thins where the pen moved fast), and the
 * outline becomes a closed path of quadratic curves through its midpoints.
 */

/** Stored flat points [x0, y0, x1, y1, …] as perfect-freehand's [x, y] pairs, offset by (dx, dy). */
export function pairs(points: readonly number[], dx = 0, dy = 0): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i += 2) out.push([points[i]! + dx, points[i + 1]! + dy]);
  return out;
}

export function outlinePath(points: [number, number][], size: number, last = true): string {
  const outline = getStroke(points, { size, thinning: 0.5, smoothing: 0.5, streamline: 0.5, last });
  if (outline.length < 2) return '';
  const [first] = outline;
  let d = `M${first![0].toFixed(1)},${first![1].toFixed(1)} Q`;
  for (let i = 0; i < outline.length; i++) {
    const [x0, y0] = outline[i]!;
    const [x1, y1] = outline[(i + 1) % outline.length]!;
    d += `${x0.toFixed(1)},${y0.toFixed(1)} ${((x0 + x1) / 2).toFixed(1)},${((y0 + y1) / 2).toFixed(1)} `;
  }
  return `${d}Z`;
}

/** A stored stroke's path in surface coordinates. */
export function strokePath(stroke: FreeStroke): string {
  return outlinePath(pairs(stroke.points, stroke.x, stroke.y), stroke.size);
}

/** The ink colours as the design tokens (client/src/styles/tokens.css). */
export const INK_VAR: Readonly<Record<FreeStroke['ink'], string>> = {
  sort: 'var(--color-ink)',
  blaa: 'var(--color-accent)',
  roed: 'var(--color-red)',
  groen: 'var(--color-green)',
};

/** The smallest box around strokes (surface coordinates), for showing only the drawn part. */
export function strokesBox(strokes: readonly FreeStroke[]): { x: number; y: number; w: number; h: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of strokes) {
    for (let i = 0; i + 1 < s.points.length; i += 2) {
      minX = Math.min(minX, s.x + s.points[i]! - s.size);
      maxX = Math.max(maxX, s.x + s.points[i]! + s.size);
      minY = Math.min(minY, s.y + s.points[i + 1]! - s.size);
      maxY = Math.max(maxY, s.y + s.points[i + 1]! + s.size);
    }
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: Math.max(1, maxX - minX), h: Math.max(1, maxY - minY) };
}
