import * as Y from 'yjs';
import { BoardDoc, lendCardParses } from '../../shared/doc/boardDoc.js';
import {
  ChangeCollector,
  checkLayout,
  readDoc,
  type LayoutProblem,
  type MapRead,
  type Touched,
} from '../../shared/doc/changes.js';
import { plainWrites, readAfter, type PlainWrites } from '../../shared/doc/plainWrites.js';
import { concurrentEdits, type ConcurrentEdit } from '../../shared/doc/conflicts.js';
import { FieldConflictSchema, isConflictCollection, isConflictField } from '../../shared/model/conflict.js';
import { conflictChangeAllowed } from '../../shared/rules/conflicts.js';
import { BOARD_LAYOUT, MAX_CARDS_PER_BOARD, isRootName, type RootName } from '../../shared/doc/layout.js';
import { MAX_UPDATE_BYTES } from '../../shared/protocol/limits.js';
import type { DelegationMatrix } from '../../shared/rules/delegation.js';
import { DEFAULT_SWAP_SETTINGS, type SwapSettings } from '../../shared/model/swaps.js';
import type { Card } from '../../shared/model/card.js';
import type { Phase } from '../../shared/model/phase.js';
import type { Role } from '../../shared/model/user.js';
import { structsContainCpr } from './cprScan.js';
import { readFreeItem } from '../../shared/doc/freeAreaDoc.js';
import {
  impersonatedField,
  needsMatrix,
  needsSwapSettings,
  linkedOfferIds,
  refusalFor,
  type BoardWrite,
  type CardTransition,
  type FreeItemTransition,
  type Refusal,
} from '../../shared/rules/writeRules.js';

type Decoded = ReturnType<typeof Y.decodeUpdate>;
type Structs = Decoded['structs'];

/** Who sends an update: the person's id (for the records' `by`) and role (for the rules). */
export interface GateActor {
  id: string;
  role: Role;
}

/**
 * Most cards one update may create: a coordinator entering a new team's citizens offline
 * makes a few dozen; thousands are a bug or an attack, and would stall the server.
 */
const MAX_NEW_CARDS_PER_UPDATE = 500;

/** Bound on the cache of recently written cards (a board's worth). */
const MAX_CACHED_CARDS = 5000;

/**
 * Plain updates accepted while a staging copy exists are applied to it when it is next
 * needed; past this many it is cheaper to drop the copy and make a new one then.
 */
const MAX_STAGING_BEHIND = 200;

/**
 * On ok: the cards the update touched (before → after), the board's columns after it, the
 * card fields it set (`fieldWrites`) and which of them it set without having seen the
 * value the server held (`edits`, a person's updates only: the board settles them).
 */
export type GateVerdict =
  | {
      ok: true;
      cards: CardTransition[];
      phases: readonly Phase[];
      fieldWrites: { cardId: string; field: string }[];
      edits: ConcurrentEdit[];
      /** Free-area items created, changed or deleted (for the audit). */
      freeItems: FreeItemTransition[];
    }
  | { ok: false; refusal: Refusal };

/**
 * The one gate every write to a live board passes, a peer's update or the server's own
 * change (docs/architecture.md "The write path"). It reads what the update touches, checks
 * the result against the layout's schemas and the write rules in domain terms
 * (shared/rules/writeRules.ts), and only then lets the caller store and apply it.
 *
 * The common update, plain values set by someone who saw the values they replace (a move, a
 * field edit, a triage colour), is read from its decoded structs: the doc after it is the
 * live doc with those values set (shared/doc/plainWrites.ts), so it is judged against the
 * live doc without copying or applying anything. Any other update is applied first to a
 * staging copy of the board, and what it touched is read from there (shared/doc/changes.ts).
 * A refused update leaves the staging copy dirty, so it is rebuilt from the live doc: that
 * costs a copy of the board, paid only by refusals. The copy is made when the first update
 * needs it, not when the board loads: a board only read (a wall screen's) or only written
 * with plain updates holds no second doc, and a reconnect storm's loads copy no board.
 */
export class WriteGate {
  private staging!: Y.Doc;
  private collector!: ChangeCollector;
  /** Whether the staging copy (and its collector and reader) exists; in step with the live doc once `behind` is applied. */
  private built = false;
  /** Plain updates accepted since the staging copy was last in step (applied to it when it is next needed). */
  private behind: Uint8Array[] = [];
  /** Typed reads of the live doc (before the update) and of the staging copy (after it). */
  private readonly before: BoardDoc;
  private after!: BoardDoc;
  /**
   * The cards as the last accepted updates left them (every write to the live doc passes
   * here): the next update's "before" without reading the card again.
   */
  private readonly cards = new Map<string, Card | null>();
  /** Entries per root map of the live doc, kept current so limits cost O(update), not O(board). */
  private readonly sizes = new Map<RootName, number>();
  /**
   * False: every update goes through the staging copy, as before plain updates were read from
   * their structs; the reference that reading is tested against (tests/unit/plainWrites.test.ts).
   */
  judgesPlainUpdates = true;

  constructor(
    private readonly live: Y.Doc,
    private readonly matrix: () => Promise<DelegationMatrix>,
    /** The municipality's bytteydelser settings, read only for an update that adds swaps. */
    private readonly swapSettings: () => Promise<SwapSettings> = () => Promise.resolve(DEFAULT_SWAP_SETTINGS),
    /** Client id of the server's own changes written on the staging copy (stageServerChange). */
    private readonly serverClientId?: number,
    /** Which of these local offer ids exist in the municipality's directory (read only for an update linking offers). */
    private readonly knownOffers: (ids: string[]) => Promise<ReadonlySet<string>> = async () => new Set(),
  ) {
    this.before = new BoardDoc(live, { rememberParses: true });
  }

  /**
   * Decides on `update` from `actor` (null: the server's own change, held to the layout but
   * not to the write rules). On ok the gate counts on the update reaching the live doc (its
   * staging copy holds it, or will be given it): the caller must apply it to the live doc,
   * or call `discard()` if it does not (e.g. storage failed).
   */
  async check(
    update: Uint8Array,
    actor: GateActor | null,
    decoded?: Pick<Decoded, 'structs' | 'ds'>,
  ): Promise<GateVerdict> {
    if (update.byteLength > MAX_UPDATE_BYTES) return refuse({ code: 'too_large', path: 'update' });
    // Anything shaped like a CPR number anywhere in a person's update, whatever key it is in.
    // (`decoded`: the connection already decoded `update` to check the frame; not again.)
    try {
      decoded ??= Y.decodeUpdate(update);
    } catch {
      return refuse({ code: 'invalid', path: 'undecodable' });
    }
    const structs = decoded.structs;
    if (actor !== null && structsContainCpr(structs)) return refuse({ code: 'cpr', path: 'update' });
    const shape = shapeProblem(structs);
    if (shape) return refuse({ code: 'invalid', path: shape });
    // New cards are counted before anything is applied: a flood of cards costs no staging work.
    if (newCardCount(structs) > Math.min(MAX_NEW_CARDS_PER_UPDATE, MAX_CARDS_PER_BOARD - this.sizeOf('cards'))) {
      return refuse({ code: 'too_many_cards', path: 'cards' });
    }
    const plain = this.judgesPlainUpdates ? plainWrites(this.live, decoded) : null;
    if (plain !== null) return this.judgePlain(actor, plain, update);
    this.build();
    try {
      Y.applyUpdate(this.staging, update);
    } catch {
      return this.refuseAndRebuild({ code: 'invalid', path: 'update' });
    }
    return this.judge(actor, structs);
  }

  /**
   * A server change written straight onto the staging copy (it already holds the live doc):
   * no copy of the board, so it can follow any update (concurrent edits settled after a
   * person's update). Held to the layout like `check(update, null)`. Returns the update to
   * store and apply to the live doc (or `discard()`), or null when it wrote nothing or
   * does not fit the layout.
   */
  async stageServerChange(build: (staging: Y.Doc) => void, origin: unknown): Promise<Uint8Array | null> {
    const updates: Uint8Array[] = [];
    const onUpdate = (u: Uint8Array) => updates.push(u);
    this.build();
    // Yjs gives a doc a new client id when others' updates carry its own (commitNow's do).
    if (this.serverClientId !== undefined) this.staging.clientID = this.serverClientId;
    this.staging.on('update', onUpdate);
    try {
      this.staging.transact(() => build(this.staging), origin);
    } catch (err) {
      this.rebuild();
      throw err;
    } finally {
      this.staging.off('update', onUpdate);
    }
    const verdict = await this.judge(null, null);
    if (!verdict.ok || updates.length === 0) return null;
    return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
  }

  /** The checks after an update reached the staging copy (`structs`: the decoded update, null for the server's own). */
  private async judge(actor: GateActor | null, structs: Structs | null): Promise<GateVerdict> {
    const { touched, problem } = this.collector.take();
    if (problem) return this.refuseAndRebuild(layoutRefusal(problem));
    // Structs or deletions waiting for something the server never got would be applied by
    // someone else's later update and refuse that one instead: an update must be complete.
    if (this.staging.store.pendingStructs !== null || this.staging.store.pendingDs !== null) {
      return this.refuseAndRebuild({ code: 'incomplete', path: 'update' });
    }
    const verdict = await this.decide(actor, touched, this.staging, readDoc, () => this.describe(touched));
    if (!verdict.ok) return this.refuseAndRebuild(verdict.refusal);
    if (actor !== null && structs !== null) verdict.edits = concurrentEdits(this.live, this.staging, structs);
    return verdict;
  }

  /**
   * The checks of an update of plain sets (shared/doc/plainWrites.ts), read as the live doc
   * with its values set: nothing is applied, so a refusal leaves nothing to rebuild. Each
   * set builds on the value the server holds, so none is a concurrent edit.
   */
  private async judgePlain(actor: GateActor | null, plain: PlainWrites, update: Uint8Array): Promise<GateVerdict> {
    const verdict = await this.decide(actor, plain.touched, this.live, readAfter(plain), () =>
      this.describePlain(plain),
    );
    if (verdict.ok) this.keepBehind(update);
    return verdict;
  }

  /**
   * The layout and the write rules on the doc after the update: `after` read through `read`
   * (the staging copy as it is, or the live doc with a plain update's values). On ok, what
   * the gate keeps of the live doc (sizes, cards) is moved on to the state after it.
   */
  private async decide(
    actor: GateActor | null,
    touched: Touched,
    after: Y.Doc,
    read: MapRead,
    describe: () => BoardWrite,
  ): Promise<GateVerdict> {
    const sizes = this.sizesAfter(touched, after, read);
    const layout = checkLayout(after, touched, (name) => sizes.get(name) ?? this.sizeOf(name), read);
    if (layout) return refuse(layoutRefusal(layout));
    const write = describe();
    if (actor !== null) {
      const refusal =
        this.impersonation(actor.id, touched, after, read) ??
        this.conflictWrite(actor.id, touched, after, read) ??
        refusalFor(
          actor.role,
          write,
          needsMatrix(write) ? await this.matrix() : null,
          needsSwapSettings(write) ? await this.swapSettings() : null,
          actor.id,
        ) ??
        (await this.unknownOffer(write));
      if (refusal) return refuse(refusal);
    }
    for (const [name, size] of sizes) this.sizes.set(name, size);
    for (const c of write.cards) {
      if (this.cards.size > MAX_CACHED_CARDS) this.cards.clear();
      this.cards.set(c.cardId, c.after);
    }
    return {
      ok: true,
      cards: write.cards,
      phases: write.phases,
      fieldWrites: fieldWrites(touched),
      edits: [],
      freeItems: write.freeItems ?? [],
    };
  }

  /** A link to a local offer that is not in the municipality's directory (rules/careSignals.ts). */
  private async unknownOffer(write: BoardWrite): Promise<Refusal | null> {
    const ids = linkedOfferIds(write);
    if (ids.length === 0) return null;
    const known = await this.knownOffers(ids);
    const missing = ids.find((id) => !known.has(id));
    if (missing === undefined) return null;
    const card = write.cards.find((c) => c.after?.lifecycle.offerLinks.some((l) => l.id === missing));
    return { code: 'offer_unknown', path: `cards.${card?.cardId ?? '?'}.offerLinks.${missing}`, cardId: card?.cardId };
  }

  /** Whether the gate holds its staging copy now (a second copy of the board; diagnostics, tests). */
  get holdsCopy(): boolean {
    return this.built;
  }

  /** The last accepted update will not reach the live doc: start over from the live doc. */
  discard(): void {
    this.rebuild();
  }

  dispose(): void {
    this.rebuild();
  }

  /**
   * A record or collection item the update wrote whose `by`/`decidedBy`/`answeredBy` names
   * someone else than the sender (shared/rules/writeRules.ts impersonatedField). "Sidst
   * drøftet" is left out: taking a "drøftet" back restores who marked it before.
   */
  private impersonation(userId: string, touched: Touched, doc: Y.Doc, read: MapRead): Refusal | null {
    for (const [name, records] of touched) {
      if (name === 'lastDiscussed' || name === 'meta' || name === 'phases') continue;
      const kind = BOARD_LAYOUT[name].kind;
      const before = this.live.getMap<unknown>(name);
      const after = doc.getMap<unknown>(name);
      for (const [key, fields] of records) {
        const path = `${name}.${key}`;
        const was = before.get(key);
        const now = read(after, key).value;
        if (kind !== 'records') {
          const field = impersonatedField(userId, was, now);
          if (field) return { code: 'impersonation', path: `${path}.${field}` };
          continue;
        }
        if (!(now instanceof Y.Map)) continue;
        const keys = fields === 'whole' ? [...now.keys()] : [...fields];
        for (const f of keys) {
          const b: unknown = was instanceof Y.Map ? was.get(f) : undefined;
          const a: unknown = read(now as Y.Map<unknown>, f).value;
          if (a instanceof Y.Map) {
            for (const [id, item] of read.entries(a as Y.Map<unknown>)) {
              const field = impersonatedField(userId, b instanceof Y.Map ? b.get(id) : undefined, item);
              if (field) return { code: 'impersonation', path: `${path}.${f}.${id}.${field}` };
            }
          } else {
            const field = impersonatedField(userId, b, a);
            if (field) return { code: 'impersonation', path: `${path}.${f}.${field}` };
          }
        }
      }
    }
    return null;
  }

  /**
   * A card's conflict records are the server's (shared/rules/conflicts.ts): a person may
   * only mark a conflict they lost resolved. Anything else touching them is refused.
   */
  private conflictWrite(userId: string, touched: Touched, doc: Y.Doc, read: MapRead): Refusal | null {
    for (const [cardId, fields] of touched.get('cards') ?? []) {
      if (fields !== 'whole' && !fields.has('conflicts')) continue;
      const conflictsIn = (d: Y.Doc, r: MapRead): Y.Map<unknown> | null => {
        const card = r(d.getMap<unknown>('cards'), cardId).value;
        const nested = card instanceof Y.Map ? r(card as Y.Map<unknown>, 'conflicts').value : undefined;
        return nested instanceof Y.Map ? (nested as Y.Map<unknown>) : null;
      };
      const was = conflictsIn(this.live, readDoc);
      const now = conflictsIn(doc, read);
      const path = `cards.${cardId}.conflicts`;
      if (now === null) {
        // A card deleted whole takes its conflicts with it (whether it may be deleted is a rule of its own).
        if (was !== null && read(doc.getMap<unknown>('cards'), cardId).present)
          return { code: 'conflicts', path, cardId };
        continue;
      }
      // Only the server creates (or replaces) the map: two writers creating it would lose entries.
      if (was === null || !Y.compareIDs(now._item?.id ?? null, was._item?.id ?? null)) {
        return { code: 'conflicts', path, cardId };
      }
      for (const id of new Set([...was.keys(), ...now.keys()])) {
        const a: unknown = was.get(id);
        const b: unknown = now.get(id);
        if (a === b) continue;
        const before = FieldConflictSchema.safeParse(a);
        const after = FieldConflictSchema.safeParse(b);
        if (!conflictChangeAllowed(userId, before.success ? before.data : null, after.success ? after.data : null)) {
          return { code: 'conflicts', path: `${path}.${id}`, cardId };
        }
      }
    }
    return null;
  }

  /**
   * Root sizes after the update, for the roots where records appeared or went (a field edit
   * leaves the sizes as they are): before, plus records that appeared, minus those that went.
   */
  private sizesAfter(touched: Touched, doc: Y.Doc, read: MapRead): Map<RootName, number> {
    const out = new Map<RootName, number>();
    for (const [name, records] of touched) {
      const whole = [...records].filter(([, fields]) => fields === 'whole').map(([key]) => key);
      if (whole.length === 0) continue;
      const before = this.live.getMap<unknown>(name);
      const after = doc.getMap<unknown>(name);
      let size = this.sizeOf(name);
      for (const key of whole) size += (read(after, key).present ? 1 : 0) - (before.has(key) ? 1 : 0);
      out.set(name, size);
    }
    return out;
  }

  /** Entries of a root of the live doc: counted once (O(entries)), then kept current. */
  private sizeOf(name: RootName): number {
    let size = this.sizes.get(name);
    if (size === undefined) this.sizes.set(name, (size = this.live.getMap<unknown>(name).size));
    return size;
  }

  private describe(touched: Touched): BoardWrite {
    const after = this.after;
    const cards: CardTransition[] = [...(touched.get('cards') ?? [])].map(([cardId, fields]) => {
      const before = this.cardBefore(cardId);
      // What the update did not write reads as it did in the live doc: parsed there, not again.
      if (fields !== 'whole') lendCardParses(this.live, this.staging, cardId, (key) => !fields.has(key), before);
      return { cardId, before, after: after.card(cardId) };
    });
    const liveMeetings = this.live.getMap<unknown>('meetings');
    const stagedMeetings = this.staging.getMap<unknown>('meetings');
    const startedMeetingsDeleted = [...(touched.get('meetings') ?? [])]
      .filter(([id, fields]) => fields === 'whole' && !stagedMeetings.has(id))
      .map(([id]) => id)
      .filter((id) => {
        const m = liveMeetings.get(id);
        return m instanceof Y.Map && typeof m.get('startedAt') === 'string';
      });
    // Only cards whose log maps the update touched pay for reading their log twice.
    const logs = [...(touched.get('cards') ?? [])]
      .filter(([id, f]) => (f === 'whole' || f.has('log') || f.has('logReads')) && after.hasCard(id))
      .map(([cardId]) => ({ cardId, before: this.before.cardLog(cardId), after: after.cardLog(cardId) }));
    return {
      metaKeys: [...(touched.get('meta')?.keys() ?? [])],
      phaseIds: [...(touched.get('phases')?.keys() ?? [])],
      cards,
      startedMeetingsDeleted,
      phases: after.phases(),
      logs,
      freeItems: [...(touched.get('freeItems')?.keys() ?? [])].map((itemId) => ({
        itemId,
        before: readFreeItem(this.live, itemId),
        after: readFreeItem(this.staging, itemId),
      })),
      now: new Date(),
    };
  }

  /**
   * What a plain update writes, in domain terms: card fields, items of a card's collections
   * and plain entries; nothing else `describe` reads (meetings, logs, the free area, columns).
   */
  private describePlain(plain: PlainWrites): BoardWrite {
    const cards: CardTransition[] = [...(plain.touched.get('cards')?.keys() ?? [])].map((cardId) => ({
      cardId,
      before: this.cardBefore(cardId),
      after: this.before.cardWith(cardId, plain.values),
    }));
    return {
      metaKeys: [],
      phaseIds: [],
      cards,
      startedMeetingsDeleted: [],
      phases: this.before.phases(),
      logs: [],
      freeItems: [],
      now: new Date(),
    };
  }

  /** A card as the live doc holds it: as the last accepted update left it, or read. */
  private cardBefore(cardId: string): Card | null {
    return this.cards.has(cardId) ? this.cards.get(cardId)! : this.before.card(cardId);
  }

  private refuseAndRebuild(refusal: Refusal): GateVerdict {
    this.rebuild();
    return refuse(refusal);
  }

  /** Drops the staging copy and what the gate derived from the live doc (the last accepted update may not be in it). */
  private rebuild(): void {
    this.cards.clear();
    this.sizes.clear();
    this.dropCopy();
  }

  /** Drops the staging copy; the next update that needs one builds a fresh one. */
  private dropCopy(): void {
    this.behind = [];
    if (!this.built) return;
    this.built = false;
    this.collector.dispose();
    this.staging.destroy();
  }

  /** A plain update accepted while there is a staging copy: the copy gets it when it is next needed. */
  private keepBehind(update: Uint8Array): void {
    if (!this.built) return;
    if (this.behind.length >= MAX_STAGING_BEHIND) return this.dropCopy();
    this.behind.push(update);
  }

  /** The staging copy in step with the live doc: made from it if there is none, else given the plain updates it lacks. */
  private build(): void {
    if (this.built && this.behind.length > 0) {
      const behind = this.behind;
      this.behind = [];
      try {
        for (const update of behind) Y.applyUpdate(this.staging, update);
      } catch {
        this.dropCopy();
      }
      // What they touched is the live doc's already, not the next update's.
      if (this.built) this.collector.take();
    }
    if (this.built) return;
    this.built = true;
    this.staging = new Y.Doc({ gc: this.live.gc });
    Y.applyUpdate(this.staging, Y.encodeStateAsUpdate(this.live));
    this.collector = new ChangeCollector(this.staging);
    this.after = new BoardDoc(this.staging, { rememberParses: true });
  }
}

/**
 * What can be told from the update alone, before it touches the staging copy (so refusing
 * it needs no rebuild): the board holds only Y.Maps and plain JSON values, under the
 * layout's roots, keyed by name. Anything else (text, arrays, XML, binaries, sub-docs,
 * list content, an unknown root) is refused here.
 */
function shapeProblem(structs: Structs): string | null {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    const allowed =
      content instanceof Y.ContentAny ||
      content instanceof Y.ContentDeleted ||
      (content instanceof Y.ContentType && content.type instanceof Y.Map);
    if (!allowed) return `content:${content.constructor.name}`;
    // A decoded (not yet integrated) item names a root parent by its name.
    const parent: unknown = struct.parent;
    if (typeof parent === 'string') {
      if (!isRootName(parent)) return `unknown_root:${parent.slice(0, 40)}`;
      if (struct.parentSub === null) return `list_content:${parent}`;
    }
  }
  return null;
}

/** Y.Maps set directly under `cards`: cards created (or re-created) by the update. */
function newCardCount(structs: Structs): number {
  let count = 0;
  for (const struct of structs) {
    const parent: unknown = struct instanceof Y.Item ? struct.parent : null;
    if (parent === 'cards' && (struct as Y.Item).content instanceof Y.ContentType) count++;
  }
  return count;
}

/** The card fields and collections (of those whose concurrent edits count) an update set on existing cards. */
function fieldWrites(touched: Touched): { cardId: string; field: string }[] {
  const out: { cardId: string; field: string }[] = [];
  for (const [cardId, fields] of touched.get('cards') ?? []) {
    if (fields === 'whole') continue;
    for (const field of fields) if (isConflictField(field) || isConflictCollection(field)) out.push({ cardId, field });
  }
  return out;
}

function refuse(refusal: Refusal): GateVerdict {
  return { ok: false, refusal };
}

function layoutRefusal(problem: LayoutProblem): Refusal {
  const cardId = problem.path.startsWith('cards.') ? problem.path.split('.')[1] : undefined;
  const code = problem.kind === 'too_many' && problem.path === 'cards' ? 'too_many_cards' : 'invalid';
  return { code, path: `${problem.kind}:${problem.path}`, ...(cardId ? { cardId } : {}) };
}
