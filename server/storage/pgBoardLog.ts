import type pg from 'pg';
import { foldLog } from '../sync/replay.js';
import { hintCovers, snapshotToken } from './snapshotToken.js';
import { LOCK_NAMESPACE, type PgDb, type PgGroupCommit, type Queryable } from './pgDb.js';
import {
  FencedOutError,
  LogConflictError,
  type BoardFence,
  type BoardEpochRecord,
  type BoardHistoryOverview,
  type BoardLog,
  type CompactHint,
  type CompactResult,
  type HistoryPruneResult,
  type HistorySnapshotKind,
  type StoredBoard,
  type StoredUpdate,
} from './types.js';

const READ = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

interface Row {
  seq: number;
  update: Buffer;
}

/**
 * The board logs in PostgreSQL (types.ts BoardLog). Seqs come from the board's row in
 * board_log_heads, incremented under its row lock inside the appending transaction: appends to
 * one board commit in seq order on every node, so "seq <= n" is an exact state. Compaction
 * and epoch rebuilds of one board are serialised by a transaction advisory lock and delete
 * exactly the rows they read (`seq = ANY(…)`).
 */
export class PgBoardLog implements BoardLog {
  constructor(
    private readonly db: PgDb,
    private readonly commits: PgGroupCommit,
    private readonly now: () => number,
    private readonly historySnapshotMs: number,
  ) {}

  async loadBoard(boardId: string): Promise<StoredBoard> {
    return this.db.tx((c) => this.read(c, boardId), READ);
  }

  private async read(c: Queryable, boardId: string): Promise<StoredBoard> {
    const snap = (
      await c.query<{ snapshot: Buffer; upto_seq: number }>(
        'SELECT snapshot, upto_seq FROM board_snapshots WHERE board_id = $1',
        [boardId],
      )
    ).rows[0];
    const updates = (
      await c.query<Row>('SELECT seq, "update" FROM board_updates WHERE board_id = $1 ORDER BY seq', [boardId])
    ).rows;
    return {
      snapshot: snap?.snapshot ?? null,
      snapshotSeq: snap?.upto_seq ?? 0,
      updates: updates.map(toStored),
      snapshotToken: snapshotToken(snap?.snapshot ?? null),
    };
  }

  async updatesAfter(boardId: string, afterSeq: number): Promise<StoredUpdate[] | null> {
    return this.db.tx(async (c) => {
      const snap = await c.query<{ upto_seq: number }>('SELECT upto_seq FROM board_snapshots WHERE board_id = $1', [
        boardId,
      ]);
      if ((snap.rows[0]?.upto_seq ?? 0) > afterSeq) return null;
      const rows = await c.query<Row>(
        'SELECT seq, "update" FROM board_updates WHERE board_id = $1 AND seq > $2 ORDER BY seq',
        [boardId, afterSeq],
      );
      return rows.rows.map(toStored);
    }, READ);
  }

  async appendUpdate(boardId: string, update: Uint8Array, fence?: BoardFence): Promise<number> {
    const at = this.now();
    return this.commits.run(
      async (c) => {
        if (fence) await checkFence(c, boardId, fence);
        const r = await c.query<{ seq: number }>(
          `WITH h AS (
           INSERT INTO board_log_heads (board_id, last_seq) VALUES ($1, 1)
           ON CONFLICT (board_id) DO UPDATE SET last_seq = board_log_heads.last_seq + 1
           RETURNING last_seq)
         INSERT INTO board_updates (board_id, seq, at, "update") SELECT $1, last_seq, $2, $3 FROM h RETURNING seq`,
          [boardId, at, Buffer.from(update.buffer, update.byteOffset, update.byteLength)],
        );
        return r.rows[0]!.seq;
      },
      [boardId],
    );
  }

  async compact(boardId: string, hint?: CompactHint, fence?: BoardFence): Promise<CompactResult> {
    return this.db.tx(async (c) => {
      await lockBoard(c, boardId);
      if (fence) await checkFence(c, boardId, fence);
      // Read after the lock: an earlier compaction's snapshot is committed and visible.
      const stored = await this.read(c, boardId);
      const covered = hintCovers(hint, stored);
      if (stored.updates.length === 0) return { folded: 0, uptoSeq: 0, token: covered ? hint.basis : null };
      const snapshot = covered ? hint.snapshot : foldLog(stored.snapshot, stored.updates);
      const seqs = stored.updates.map((u) => u.seq);
      const uptoSeq = Math.max(stored.snapshotSeq, ...seqs);
      await this.writeSnapshot(c, boardId, snapshot, seqs, uptoSeq, null);
      return { folded: seqs.length, uptoSeq, token: covered ? snapshotToken(snapshot) : null };
    });
  }

  async rebuildEpoch(boardId: string, snapshot: Uint8Array, uptoSeq: number, record: BoardEpochRecord): Promise<void> {
    await this.db.tx(async (c) => {
      await lockBoard(c, boardId);
      // The head's row lock waits for appends in flight, so last_seq is every seq handed out.
      const head = await c.query<{ last_seq: number }>(
        'SELECT last_seq FROM board_log_heads WHERE board_id = $1 FOR UPDATE',
        [boardId],
      );
      const stored = await this.read(c, boardId);
      const last = Math.max(head.rows[0]?.last_seq ?? 0, stored.snapshotSeq);
      if (last > uptoSeq) throw new LogConflictError(boardId);
      const seqs = stored.updates.map((u) => u.seq);
      await this.writeSnapshot(c, boardId, snapshot, seqs, uptoSeq, 'epoch');
      await c.query(
        'INSERT INTO board_epochs (board_id, epoch, prev_state_vector, rebuilt_at) VALUES ($1, $2, $3, $4)',
        [boardId, record.epoch, Buffer.from(record.prevStateVector), record.rebuiltAt],
      );
    });
  }

  /**
   * Inside the transaction: the snapshot replaces the old one, the folded rows (exactly
   * `seqs`) move to the history, and a history snapshot is kept when `kind` says so or the
   * last one is older than the interval.
   */
  private async writeSnapshot(
    c: pg.PoolClient,
    boardId: string,
    snapshot: Uint8Array,
    seqs: readonly number[],
    uptoSeq: number,
    kind: 'epoch' | null,
  ): Promise<void> {
    const bytes = Buffer.from(snapshot);
    await c.query(
      `INSERT INTO board_snapshots (board_id, snapshot, upto_seq) VALUES ($1, $2, $3)
       ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot, upto_seq = excluded.upto_seq`,
      [boardId, bytes, uptoSeq],
    );
    await c.query(
      `WITH moved AS (DELETE FROM board_updates WHERE board_id = $1 AND seq = ANY($2::bigint[])
                      RETURNING board_id, seq, at, "update")
       INSERT INTO board_history_updates (board_id, seq, at, "update") SELECT * FROM moved
       ON CONFLICT DO NOTHING`,
      [boardId, seqs],
    );
    const now = this.now();
    const last = await c.query<{ at: number }>(
      'SELECT at FROM board_history WHERE board_id = $1 ORDER BY at DESC, id DESC LIMIT 1',
      [boardId],
    );
    const lastAt = last.rows[0]?.at;
    if (kind === 'epoch' || lastAt === undefined || now - lastAt >= this.historySnapshotMs) {
      await c.query('INSERT INTO board_history (board_id, at, upto_seq, kind, snapshot) VALUES ($1, $2, $3, $4, $5)', [
        boardId,
        now,
        uptoSeq,
        kind ?? (lastAt === undefined ? 'start' : 'compaction'),
        bytes,
      ]);
    }
  }

  async boardEpoch(boardId: string, epoch: number): Promise<BoardEpochRecord | null> {
    const row = await this.db.one<{ epoch: number; prev_state_vector: Buffer; rebuilt_at: number }>(
      'SELECT epoch, prev_state_vector, rebuilt_at FROM board_epochs WHERE board_id = $1 AND epoch = $2',
      [boardId, epoch],
    );
    return row ? { epoch: row.epoch, prevStateVector: row.prev_state_vector, rebuiltAt: row.rebuilt_at } : null;
  }

  async loadBoardAt(boardId: string, at: number): Promise<StoredBoard | null> {
    return this.db.tx(async (c) => {
      const base = (
        await c.query<{ id: number; at: number; upto_seq: number; snapshot: Buffer }>(
          `SELECT id, at, upto_seq, snapshot FROM board_history WHERE board_id = $1 AND at <= $2
            ORDER BY at DESC, id DESC LIMIT 1`,
          [boardId, at],
        )
      ).rows[0];
      if (!base) {
        const any = await c.query('SELECT 1 FROM board_history WHERE board_id = $1 LIMIT 1', [boardId]);
        // No snapshot at all: the board was created empty and its whole log is still kept.
        if (any.rows.length > 0) return null;
      }
      const from = base?.upto_seq ?? 0;
      // The next epoch rebuild after the base ends its lineage: later updates belong to a new doc.
      const next = base
        ? (
            await c.query<{ upto_seq: number }>(
              `SELECT upto_seq FROM board_history WHERE board_id = $1 AND kind = 'epoch' AND id > $2
                ORDER BY id LIMIT 1`,
              [boardId, base.id],
            )
          ).rows[0]
        : undefined;
      const to = next?.upto_seq ?? Number.MAX_SAFE_INTEGER;
      const rows = await c.query<Row>(
        `SELECT seq, "update" FROM board_history_updates WHERE board_id = $1 AND seq > $2 AND seq <= $3 AND at <= $4
         UNION ALL
         SELECT seq, "update" FROM board_updates WHERE board_id = $1 AND seq > $2 AND seq <= $3 AND at <= $4
         ORDER BY seq`,
        [boardId, from, to, at],
      );
      return { snapshot: base?.snapshot ?? null, snapshotSeq: from, updates: rows.rows.map(toStored) };
    }, READ);
  }

  async boardHistory(boardId: string, limit: number): Promise<BoardHistoryOverview> {
    return this.db.tx(async (c) => {
      const oldestSnapshot = (
        await c.query<{ at: number | null }>('SELECT MIN(at) AS at FROM board_history WHERE board_id = $1', [boardId])
      ).rows[0]?.at;
      const oldestUpdate = (
        await c.query<{ at: number | null }>(
          `SELECT MIN(at) AS at FROM (SELECT at FROM board_history_updates WHERE board_id = $1
                                      UNION ALL SELECT at FROM board_updates WHERE board_id = $1) u`,
          [boardId],
        )
      ).rows[0]?.at;
      const snapshots = await c.query<{ at: number; kind: HistorySnapshotKind }>(
        'SELECT at, kind FROM board_history WHERE board_id = $1 ORDER BY at DESC, id DESC LIMIT $2',
        [boardId, limit],
      );
      const changes = await c.query<{ at: number; count: number }>(
        `SELECT (at / 60000) * 60000 AS at, COUNT(*) AS count
           FROM (SELECT at FROM board_history_updates WHERE board_id = $1
                 UNION ALL SELECT at FROM board_updates WHERE board_id = $1) u
          GROUP BY 1 ORDER BY 1 DESC LIMIT $2`,
        [boardId, limit],
      );
      return {
        oldest: oldestSnapshot ?? oldestUpdate ?? null,
        snapshots: snapshots.rows,
        changes: changes.rows,
      };
    }, READ);
  }

  async pruneHistoryBefore(cutoff: number): Promise<HistoryPruneResult> {
    return this.db.tx(async (c) => {
      const result = { snapshots: 0, updates: 0 };
      const boards = await c.query<{ board_id: string }>('SELECT DISTINCT board_id FROM board_history');
      for (const { board_id: boardId } of boards.rows) {
        const base = (
          await c.query<{ id: number; at: number; upto_seq: number }>(
            `SELECT id, at, upto_seq FROM board_history WHERE board_id = $1 AND at <= $2
              ORDER BY at DESC, id DESC LIMIT 1`,
            [boardId, cutoff],
          )
        ).rows[0];
        if (!base) continue;
        result.snapshots +=
          (
            await c.query('DELETE FROM board_history WHERE board_id = $1 AND id <> $2 AND at <= $3', [
              boardId,
              base.id,
              base.at,
            ])
          ).rowCount ?? 0;
        result.updates +=
          (
            await c.query('DELETE FROM board_history_updates WHERE board_id = $1 AND seq <= $2', [
              boardId,
              base.upto_seq,
            ])
          ).rowCount ?? 0;
      }
      return result;
    });
  }
}

/**
 * The fence of an owner's write (docs/multi-node.md): the lease row must still carry the
 * writer's token. FOR SHARE holds it until this transaction ends, so a takeover (which raises
 * the token) waits for the write to commit, and no write under the old token commits after it.
 */
async function checkFence(c: Queryable, boardId: string, fence: BoardFence): Promise<void> {
  const r = await c.query('SELECT 1 FROM board_owner WHERE board_id = $1 AND token = $2 FOR SHARE', [
    boardId,
    fence.token,
  ]);
  if (r.rows.length === 0) throw new FencedOutError(boardId);
}

/** One compaction or epoch rebuild per board at a time, across every node (released at COMMIT). */
async function lockBoard(c: Queryable, boardId: string): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, `board:${boardId}`]);
}

const toStored = (r: Row): StoredUpdate => ({ seq: r.seq, update: r.update });
