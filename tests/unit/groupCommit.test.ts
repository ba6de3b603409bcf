import { fstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Outcome, Write } from '../../server/storage/commitBatch.js';
import { FOLLOW_UP_MS, GroupCommit, type Committer } from '../../server/storage/groupCommit.js';
import { InlineCommitter, WalSyncCommitter, type SyncFile } from '../../server/storage/sqliteWriter.js';

/**
 * A fake database: records which writes each committed transaction held. A write is one
 * statement whose SQL is its name; "fail" in the name makes it throw, rolled back alone.
 * Commits are held until `release()` when `manual` is set, to see what gathers meanwhile.
 */
function recording(opts: { failCommit?: boolean; manual?: boolean } = {}) {
  const committed: string[][] = [];
  const held: (() => void)[] = [];
  const committer: Committer = {
    commit(writes: readonly Write[]) {
      const run = (): Outcome[] => {
        if (opts.failCommit) throw new Error('disk full');
        const names = writes.map((w) => w[0]!.sql);
        committed.push(names.filter((n) => !n.includes('fail')));
        return names.map((n, i) =>
          n.includes('fail')
            ? { ok: false, err: { message: `${n} refused`, code: 'SQLITE_CONSTRAINT' } }
            : { ok: true, value: { lastInsertRowid: i + 1, changes: 1 } },
        );
      };
      if (!opts.manual) return Promise.resolve().then(run);
      return new Promise((resolve, reject) =>
        held.push(() => {
          try {
            resolve(run());
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        }),
      );
    },
    close: () => Promise.resolve(),
  };
  const commits = new GroupCommit(committer);
  const write = (name: string) => commits.run([{ sql: name, params: [] }]);
  const followUp = (name: string) => commits.run([{ sql: name, params: [] }], 'followUp');
  const release = async () => {
    while (held.length === 0) await new Promise((r) => setImmediate(r));
    held.shift()!();
  };
  return { commits, committed, write, followUp, release };
}

describe('group commit of the writes after an edit', () => {
  it('writes queued in one turn of the event loop, from several boards, commit as one transaction in order', async () => {
    const { committed, write } = recording();
    const results = await Promise.all([write('a1'), write('b1'), write('a2')]);
    expect(results.map((r) => r.lastInsertRowid)).toEqual([1, 2, 3]);
    expect(committed).toEqual([['a1', 'b1', 'a2']]);
  });

  it('resolves a write only after its transaction has committed', async () => {
    const { committed, write, release } = recording({ manual: true });
    let done = false;
    const pending = write('a1').then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    await release();
    await pending;
    expect(committed).toEqual([['a1']]);
  });

  it('writes that arrive while a batch is being committed gather into the next batch', async () => {
    const { committed, write, release } = recording({ manual: true });
    const first = write('a1');
    await new Promise((r) => setImmediate(r)); // a1's batch is now at the committer
    const later = [write('b1'), write('a2')];
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(committed).toEqual([]); // nothing sent twice, nothing sent before a1 commits
    await release();
    await first;
    await release();
    await Promise.all(later);
    expect(committed).toEqual([['a1'], ['b1', 'a2']]);
  });

  it('a write that fails is rolled back and rejected alone, with SQLite’s code; its neighbours commit', async () => {
    const { committed, write } = recording();
    const results = await Promise.allSettled([write('a1'), write('fail-gone'), write('b1')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refused = results[1] as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ message: 'fail-gone refused', code: 'SQLITE_CONSTRAINT' });
    expect(committed).toEqual([['a1', 'b1']]);
  });

  it('when the commit itself fails, every write in it is rejected: none was durable', async () => {
    const { write } = recording({ failCommit: true });
    const results = await Promise.allSettled([write('a1'), write('b1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('drain waits for everything queued so far', async () => {
    const { commits, committed, write } = recording();
    void write('a1');
    await commits.drain();
    expect(committed).toEqual([['a1']]);
  });
});

describe('follow-up writes (audit rows and Styring figures after an edit) ride along', () => {
  afterEach(() => vi.useRealTimers());
  const turn = () => new Promise((r) => setImmediate(r));

  it('join the next edit’s commit instead of starting one of their own', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { committed, write, followUp } = recording();
    const audit = followUp('audit-a1');
    await turn();
    await turn();
    expect(committed).toEqual([]); // no commit for the audit rows alone
    await Promise.all([write('update-b1'), audit]);
    expect(committed).toEqual([['audit-a1', 'update-b1']]);
  });

  it('commit on their own after FOLLOW_UP_MS when no edit comes, and resolve only then', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { committed, followUp } = recording();
    let done = false;
    const audit = followUp('audit-a1').then(() => (done = true));
    vi.advanceTimersByTime(FOLLOW_UP_MS - 1);
    await turn();
    await turn();
    expect([committed, done]).toEqual([[], false]);
    vi.advanceTimersByTime(1);
    await audit;
    expect(committed).toEqual([['audit-a1']]);
  });

  it('gathered during a commit, they wait for company; an edit gathered with them takes them along at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { committed, write, followUp, release } = recording({ manual: true });
    const first = write('update-a1');
    await turn();
    const audit = followUp('audit-a1');
    await release();
    await first;
    await turn();
    await turn();
    expect(committed).toEqual([['update-a1']]); // the audit rows did not go alone
    const next = write('update-a2');
    await release();
    await Promise.all([next, audit]);
    expect(committed).toEqual([['update-a1'], ['audit-a1', 'update-a2']]);
  });

  it('drain commits waiting follow-ups at once (shutdown does not wait for the window)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { commits, committed, followUp } = recording();
    void followUp('audit-a1');
    await commits.drain();
    expect(committed).toEqual([['audit-a1']]);
  });
});

describe('committing on SQLite: inline, and with the WAL synced off the event loop', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function database(): { file: string; db: Database.Database } {
    const dir = mkdtempSync(join(tmpdir(), 'tavlen-gc-'));
    dirs.push(dir);
    const file = join(dir, 'test.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec("CREATE TABLE log (seq INTEGER PRIMARY KEY, board TEXT NOT NULL CHECK (board <> ''), data BLOB)");
    return { file, db };
  }
  const insert = (board: string, data: Uint8Array) => [
    { sql: 'INSERT INTO log (board, data) VALUES (?, ?)', params: [board, data] },
  ];

  for (const kind of ['inline', 'wal-sync'] as const) {
    it(`${kind}: returns each append's row id, rolls back a failing write alone, and the rows are readable once resolved`, async () => {
      const { file, db } = database();
      const commits = new GroupCommit(kind === 'inline' ? new InlineCommitter(db) : new WalSyncCommitter(file));
      const results = await Promise.allSettled([
        commits.run(insert('a', new Uint8Array([1, 2]))),
        commits.run([...insert('b', new Uint8Array([3])), ...insert('', new Uint8Array([4]))]),
        commits.run(insert('c', new Uint8Array([5]))),
        // One statement, run without a savepoint: failing, it leaves nothing and the rest commits.
        commits.run(insert('', new Uint8Array([6]))),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
      expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
      const rows = db.prepare('SELECT seq, board, data FROM log ORDER BY seq').all() as {
        seq: number;
        board: string;
        data: Buffer;
      }[];
      // b's first statement was undone with its failing second one.
      expect(rows.map((r) => [r.board, [...r.data]])).toEqual([
        ['a', [1, 2]],
        ['c', [5]],
      ]);
      const ids = results.filter((r) => r.status === 'fulfilled').map((r) => r.value.lastInsertRowid);
      expect(ids).toEqual(rows.map((r) => r.seq));
      await commits.close();
      db.close();
    });
  }

  it('a write whose error rolled back the whole transaction fails the batch: nothing in it is stored', async () => {
    // A full disk or an I/O error makes SQLite roll the transaction back; a ROLLBACK run as a
    // write does the same, deterministically.
    const { db } = database();
    const commits = new GroupCommit(new InlineCommitter(db));
    const results = await Promise.allSettled([
      commits.run(insert('a', new Uint8Array([1]))),
      commits.run([{ sql: 'ROLLBACK', params: [] }, ...insert('', new Uint8Array([2]))]),
      commits.run(insert('c', new Uint8Array([3]))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM log').get()).toEqual({ n: 0 });
    expect(db.inTransaction).toBe(false);
    await commits.close();
    db.close();
  });

  /** A sync of the WAL file that waits for `finish` (err or null); records the file it was given. */
  function heldSync() {
    const calls: { fd: number; finish: (err: NodeJS.ErrnoException | null) => void }[] = [];
    const sync: SyncFile = (fd, done) => calls.push({ fd, finish: done });
    return { sync, calls };
  }
  const turns = () => new Promise((r) => setImmediate(r));

  it('wal-sync: a batch is reported committed only once the WAL file has been synced, and the sync is of the WAL file', async () => {
    const { file, db } = database();
    const { sync, calls } = heldSync();
    const committer = new WalSyncCommitter(file, sync);
    let resolved = false;
    const done = committer.commit([insert('a', new Uint8Array([1]))]).then((o) => {
      resolved = true;
      return o;
    });
    await turns();
    // Written (another connection reads it) but not reported: the disk has not said yes.
    expect(db.prepare('SELECT count(*) AS n FROM log').get()).toEqual({ n: 1 });
    expect(resolved).toBe(false);
    expect(calls).toHaveLength(1);
    const { ino } = fstatSync(calls[0]!.fd);
    expect(ino).toBe(statSync(`${file}-wal`).ino);
    calls[0]!.finish(null);
    expect(await done).toEqual([{ ok: true, value: { lastInsertRowid: 1, changes: 1 } }]);
    await committer.close();
    db.close();
  });

  it('wal-sync: a failed sync refuses its batch and every later one (the log on disk can no longer be vouched for)', async () => {
    const { file, db } = database();
    const { sync, calls } = heldSync();
    const commits = new GroupCommit(new WalSyncCommitter(file, sync));
    const first = commits.run(insert('a', new Uint8Array([1])));
    await turns();
    calls[0]!.finish(Object.assign(new Error('I/O error'), { code: 'EIO' }));
    await expect(first).rejects.toMatchObject({ code: 'EIO', message: expect.stringContaining('I/O error') });
    await expect(commits.run(insert('b', new Uint8Array([2])))).rejects.toMatchObject({ code: 'EIO' });
    // Nothing more was written or synced after the failure.
    expect(calls).toHaveLength(1);
    expect(db.prepare('SELECT board FROM log').all()).toEqual([{ board: 'a' }]);
    await commits.close();
    db.close();
  });
});
