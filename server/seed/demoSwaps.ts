import type { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import { DEFAULT_SWAP_SETTINGS } from '../../shared/model/swaps.js';
import type { DemoActor } from './demoLifecycle.js';
import { intBetween, pick, seededRandom } from './random.js';

/*
 * Bytteydelser on the demo board (issue #13): a handful of swaps over the last two weeks, so
 * "Bytteydelser denne uge" at the tavlemøde is alive on `npm start`, and a few citizens
 * marked not suitable (demens, S2:1729-1730), whom the swap form then refuses. Its own
 * random stream, so the rest of the demo board is the same as before swaps existed.
 */

const ACTIVE = new Set(['uge2', 'uge5', 'uge8', 'uge12']);
const NOT_SUITABLE = ['Demens', 'Demens – bliver urolig ved ændringer', 'Psykisk sårbar, tal med kontaktpersonen'];
const SWAPPABLE = DEFAULT_SWAP_SETTINGS.helpTypes.filter((h) => h.swappable).map((h) => h.id);
const DAY_MS = 86_400_000;

export function seedSwaps(
  board: BoardDoc,
  ctx: { seed: number; now: Date; staff: DemoActor[]; origin: TransactionOrigin },
): void {
  const rand = seededRandom(ctx.seed ^ 0x5a5a);
  if (ctx.staff.length === 0) return;
  const active = board.cards().filter((c) => ACTIVE.has(c.position.phaseId));
  active.forEach((card, i) => {
    if (i % 6 === 5) {
      board.setLifecycle(card.id, { swapSuitable: false, swapReason: pick(rand, NOT_SUITABLE) }, ctx.origin);
      return;
    }
    if (i % 3 !== 0) return;
    board.setLifecycle(card.id, { swapSuitable: true }, ctx.origin);
    for (let n = intBetween(rand, 1, 3); n > 0; n--) {
      const who = pick(rand, ctx.staff);
      const at = new Date(ctx.now.getTime() - intBetween(rand, 0, 13) * DAY_MS - intBetween(rand, 1, 8) * 3_600_000);
      board.addSwap(
        card.id,
        {
          by: who.id,
          byName: who.name,
          at: at.toISOString(),
          givenUp: pick(rand, SWAPPABLE),
          instead: pick(rand, DEFAULT_SWAP_SETTINGS.instead),
        },
        ctx.origin,
      );
    }
  });
}
