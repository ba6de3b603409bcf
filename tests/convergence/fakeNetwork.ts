/**
 * The seeded fake network of the convergence tests (code-anchors §6.11): it delays,
 * reorders, duplicates and drops Yjs updates between docs and partitions them; a dropped
 * message comes back the way a reconnect brings it back, through a state-vector sync.
 */
import * as Y from 'yjs';

/** The one seeded PRNG (mulberry32) of the project, for test scheduling too. */
import { seededRandom as mulberry32 } from '../../server/seed/random.js';
export { mulberry32 };

export function intFromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

/**
 * The seeds a convergence test runs: `<PREFIX>_SEED` replays one, `<PREFIX>_SEEDS` sets how
 * many (default `count`), spread from `first` so each test file has its own.
 */
export function seedsFromEnv(prefix: string, count: number, first: number): number[] {
  const one = process.env[`${prefix}_SEED`];
  if (one) return [Number(one)];
  return Array.from({ length: intFromEnv(`${prefix}_SEEDS`, count) }, (_, i) => first + i * 7919);
}

// ---------------------------------------------------------------------------------------
// Seeded randomness

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from empty list');
    return items[this.int(items.length)]!;
  }
}

// ---------------------------------------------------------------------------------------
// Fake network

export interface Message {
  from: number;
  to: number;
  update: Uint8Array;
  deliverAt: number;
}

export const NET = 'net'; // origin of applied remote updates: never re-broadcast

export class Network {
  readonly docs: Y.Doc[] = [];
  readonly queue: Message[] = [];
  /** Every update any peer ever sent (local changes and resync answers). */
  readonly sent: Uint8Array[] = [];
  /** group[i] = partition side of peer i; null when the network is whole. */
  group: number[] | null = null;
  step = 0;
  stats = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, resyncs: 0, partitions: 0 };

  constructor(
    private readonly rng: Rng,
    private readonly faults: { drop: number; duplicate: number; maxDelay: number },
  ) {}

  add(doc: Y.Doc): void {
    const from = this.docs.length;
    this.docs.push(doc);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NET) return;
      this.sent.push(update);
      for (let to = 0; to < this.docs.length; to++) if (to !== from) this.send(from, to, update);
    });
  }

  connected(a: number, b: number): boolean {
    return this.group === null || this.group[a] === this.group[b];
  }

  private send(from: number, to: number, update: Uint8Array): void {
    this.stats.sent++;
    if (!this.connected(from, to) || this.rng.chance(this.faults.drop)) {
      this.stats.dropped++; // recovered by a later resync, like a reconnect
      return;
    }
    this.queue.push({ from, to, update, deliverAt: this.step + this.rng.int(this.faults.maxDelay + 1) });
    if (this.rng.chance(this.faults.duplicate)) {
      this.stats.duplicated++;
      this.queue.push({ from, to, update, deliverAt: this.step + this.rng.int(this.faults.maxDelay + 1) });
    }
  }

  /** Delivers up to `n` random messages that are due: random choice = reordering. */
  deliverSome(n: number): void {
    for (let i = 0; i < n; i++) {
      const due = [];
      for (let j = 0; j < this.queue.length; j++) if (this.queue[j]!.deliverAt <= this.step) due.push(j);
      if (due.length === 0) return;
      this.deliverAt(this.rng.pick(due));
    }
  }

  private deliverAt(index: number): void {
    const [m] = this.queue.splice(index, 1);
    this.stats.delivered++;
    Y.applyUpdate(this.docs[m!.to]!, m!.update, NET);
  }

  /** Sync step 1 + 2 in both directions, as on reconnect. Heals any dropped message. */
  resync(a: number, b: number): void {
    if (a === b || !this.connected(a, b)) return;
    this.stats.resyncs++;
    const da = this.docs[a]!;
    const db = this.docs[b]!;
    const forB = Y.encodeStateAsUpdate(da, Y.encodeStateVector(db));
    const forA = Y.encodeStateAsUpdate(db, Y.encodeStateVector(da));
    this.sent.push(forA, forB);
    Y.applyUpdate(db, forB, NET);
    Y.applyUpdate(da, forA, NET);
  }

  partition(): void {
    if (this.group) return;
    this.stats.partitions++;
    const n = this.docs.length;
    const group = Array.from({ length: n }, () => this.rng.int(2));
    if (group.every((g) => g === group[0])) group[this.rng.int(n)] = 1 - group[0]!;
    this.group = group;
    // connections across the cut are gone, and so is everything in flight on them
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const m = this.queue[i]!;
      if (!this.connected(m.from, m.to)) {
        this.queue.splice(i, 1);
        this.stats.dropped++;
      }
    }
  }

  heal(): void {
    if (!this.group) return;
    const old = this.group;
    this.group = null;
    for (let a = 0; a < old.length; a++)
      for (let b = a + 1; b < old.length; b++) if (old[a] !== old[b]) this.resync(a, b);
  }

  /** Heal, deliver everything (duplicates included) in random order, then resync all pairs. */
  settle(): void {
    this.heal();
    while (this.queue.length > 0) this.deliverAt(this.rng.int(this.queue.length));
    for (let a = 0; a < this.docs.length; a++) for (let b = a + 1; b < this.docs.length; b++) this.resync(a, b);
  }
}
