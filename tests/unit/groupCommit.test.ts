import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/storage/groupCommit.js';

/** A fake database: records which writes each committed transaction held. */
function recording(opts: { failCommit?: boolean } = {}) {
  const committed: string[][] = [];
  let current: string[] | null = null;
  const commits = new GroupCommit({
    inTransaction(work) {
      current = [];
      work();
      if (opts.failCommit) throw new Error('disk full');
      committed.push(current);
      current = null;
    },
    inSavepoint(write) {
      const mark = current!.length;
      try {
        return write();
      } catch (err) {
        current!.length = mark; // rolled back to the savepoint
        throw err;
      }
    },
  });
  const write = (name: string, fail = false) =>
    commits.run(() => {
      current!.push(name);
      if (fail) throw new Error(`${name} refused`);
      return name.toUpperCase();
    });
  return { commits, committed, write };
}

describe('group commit of the writes after an edit', () => {
  it('writes queued in one turn of the event loop, from several boards, commit as one transaction in order', async () => {
    const { committed, write } = recording();
    expect(await Promise.all([write('a1'), write('b1'), write('a2')])).toEqual(['A1', 'B1', 'A2']);
    expect(committed).toEqual([['a1', 'b1', 'a2']]);
  });

  it('resolves a write only after its transaction has committed', async () => {
    const { committed, write } = recording();
    const pending = write('a1');
    expect(committed).toEqual([]);
    await expect(pending).resolves.toBe('A1');
    expect(committed).toEqual([['a1']]);
  });

  it('starts a new transaction for writes queued after the previous one committed', async () => {
    const { committed, write } = recording();
    await write('a1');
    await write('a2');
    expect(committed).toEqual([['a1'], ['a2']]);
  });

  it('a write that fails is rolled back and rejected alone; its neighbours commit', async () => {
    const { committed, write } = recording();
    const results = await Promise.allSettled([write('a1'), write('gone', true), write('b1')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
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
