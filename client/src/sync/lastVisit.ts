/*
 * "Siden sidst" also counts from the person's previous visit to the board, when that is
 * later than the previous meeting (issue #11, part 6). The visit is remembered per board and
 * user in this browser; a reload within the same sitting does not count as a new visit.
 */

/** Back within this long: the same visit (a reload, a dropped connection). */
const SAME_VISIT_MS = 30 * 60_000;

interface Visits {
  /** The previous visit's last sign of life: where "Siden sidst" may count from. */
  previous: string | null;
  /** This visit. */
  current: string;
}

/** Records a visit now and returns the start of the previous one (null: first visit here). */
export function recordVisit(boardId: string, userId: string, now: Date = new Date()): string | null {
  const key = `tavlen:visit:${boardId}:${userId}`;
  try {
    const raw = globalThis.localStorage?.getItem(key);
    const stored = raw ? (JSON.parse(raw) as Partial<Visits>) : {};
    const current = typeof stored.current === 'string' ? Date.parse(stored.current) : NaN;
    const previous = typeof stored.previous === 'string' ? stored.previous : null;
    const sameVisit = !Number.isNaN(current) && now.getTime() - current < SAME_VISIT_MS;
    const next: Visits = {
      previous: sameVisit ? previous : Number.isNaN(current) ? null : new Date(current).toISOString(),
      current: now.toISOString(),
    };
    globalThis.localStorage?.setItem(key, JSON.stringify(next));
    return next.previous;
  } catch {
    return null; // private mode, storage full: "Siden sidst" counts from the meeting alone
  }
}
