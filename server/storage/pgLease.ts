import type { PgDb } from './pgDb.js';
import type { BoardLeases, BoardLeaseState } from './types.js';

/**
 * Board ownership leases in PostgreSQL (types.ts BoardLeases, docs/multi-node.md "Ownership").
 * `now()` of the database decides every expiry, so nodes' clocks never matter. A lease is
 * ended by expiring it, never by deleting the row: tokens only ever go up, which is what
 * makes a token a fence (pgBoardLog.ts checkFence).
 */
export class PgLeases implements BoardLeases {
  constructor(private readonly db: PgDb) {}

  async take(boardId: string, nodeId: string, leaseMs: number): Promise<number | null> {
    // The same node may take its own live lease again (a restart with the same NODE_ID): the
    // new token fences whatever the old process still had in flight.
    const row = await this.db.one<{ token: number }>(
      `INSERT INTO board_owner (board_id, node_id, token, expires_at)
            VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
       ON CONFLICT (board_id) DO UPDATE
             SET node_id = excluded.node_id, token = board_owner.token + 1, expires_at = excluded.expires_at
           WHERE board_owner.expires_at <= now() OR board_owner.node_id = excluded.node_id
       RETURNING token`,
      [boardId, nodeId, leaseMs],
    );
    return row?.token ?? null;
  }

  async renew(nodeId: string, held: readonly { boardId: string; token: number }[], leaseMs: number): Promise<string[]> {
    if (held.length === 0) return [];
    const rows = await this.db.rows<{ board_id: string }>(
      `UPDATE board_owner o SET expires_at = now() + $4 * interval '1 millisecond'
         FROM unnest($2::text[], $3::bigint[]) AS h(board_id, token)
        WHERE o.board_id = h.board_id AND o.token = h.token AND o.node_id = $1
       RETURNING o.board_id`,
      [nodeId, held.map((h) => h.boardId), held.map((h) => h.token), leaseMs],
    );
    return rows.map((r) => r.board_id);
  }

  async release(boardId: string, token: number): Promise<void> {
    await this.db.run(
      `UPDATE board_owner SET expires_at = now() - interval '1 millisecond' WHERE board_id = $1 AND token = $2`,
      [boardId, token],
    );
  }

  async inspect(boardIds: readonly string[]): Promise<BoardLeaseState[]> {
    if (boardIds.length === 0) return [];
    const rows = await this.db.rows<{
      board_id: string;
      node_id: string | null;
      token: number | null;
      live: boolean | null;
      last_seq: number | null;
    }>(
      `SELECT b.board_id, o.node_id, o.token, o.expires_at > now() AS live, h.last_seq
         FROM unnest($1::text[]) AS b(board_id)
         LEFT JOIN board_owner o ON o.board_id = b.board_id
         LEFT JOIN board_log_heads h ON h.board_id = b.board_id`,
      [boardIds],
    );
    return rows.map((r) => ({
      boardId: r.board_id,
      nodeId: r.node_id,
      token: r.token,
      live: r.live === true,
      lastSeq: r.last_seq ?? 0,
    }));
  }
}
